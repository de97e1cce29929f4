-- Passim as a Telescope extension: `:Telescope passim` (after
-- require('telescope').load_extension('passim')) searches the daemon as you type, with the
-- same connection, cancellation and jump as the floating picker (lua/passim/picker.lua).
-- Loaded only when Telescope is installed; without it, use :PassimPick.
local has_telescope, telescope = pcall(require, 'telescope')
if not has_telescope then
  return {}
end

local passim = require('passim')
local picker_lines = require('passim.picker')
local pickers = require('telescope.pickers')
local conf = require('telescope.config').values
local entry_display = require('telescope.pickers.entry_display')

-- A Telescope finder that asks the daemon: each new prompt cancels the search before it.
local function daemon_finder(opts)
  local pending = nil
  local displayer = entry_display.create({ separator = ' │ ', items = { { width = 0.35 }, { remaining = true } } })
  return setmetatable({
    close = function()
      if pending then passim.cancel(pending) end
      pending = nil
    end,
  }, {
    __call = function(_, prompt, process_result, process_complete)
      if pending then passim.cancel(pending) end
      pending = nil
      if not prompt or prompt:match('^%s*$') then return process_complete() end
      local id
      id = passim.request_async('search', { query = prompt, limit = opts.limit or 50 }, function(answer)
        if id ~= pending then return end
        pending = nil
        for _, hit in ipairs((answer.result or {}).hits or {}) do
          local first = hit.highlights[1] or {}
          local section = type(hit.passage.section) == 'string' and (' § ' .. hit.passage.section) or ''
          local text = picker_lines.hit_text(hit)
          process_result({
            value = hit,
            ordinal = prompt,
            filename = hit.article.path,
            lnum = first.line or hit.location.startLine,
            col = first.column or hit.location.startColumn,
            display = function() return displayer({ hit.article.title .. section, text }) end,
          })
        end
        process_complete()
      end)
      pending = id
    end,
  })
end

local function search(opts)
  opts = opts or {}
  pickers.new(opts, {
    prompt_title = 'Passim',
    finder = daemon_finder(opts),
    -- The daemon ranks: Telescope keeps its order.
    sorter = require('telescope.sorters').empty(),
    previewer = conf.grep_previewer(opts),
  }):find()
end

return telescope.register_extension({ exports = { passim = search } })
