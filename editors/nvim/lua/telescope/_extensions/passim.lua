-- Passim as a Telescope extension: `:Telescope passim` (after
-- require('telescope').load_extension('passim')) searches the daemon as you type, as the floating
-- picker (lua/passim/picker.lua) does: each change of the prompt cancels the search before it
-- on the daemon ($/cancelRequest) and drops its late answer; the results' title says
-- `N of about M passages for "query"` and lists completions of the word being typed (`suggest`),
-- which <Tab> takes; the list is searched again when the index changes (`index/didChange`);
-- lines show the title, the section heading and a snippet; <CR> jumps to the passage's first
-- matched word. Loaded only when Telescope is installed; without it, use :PassimPick.
local has_telescope, telescope = pcall(require, 'telescope')
if not has_telescope then
  return {}
end

local passim = require('passim')
local picker_lines = require('passim.picker')
local pickers = require('telescope.pickers')
local actions = require('telescope.actions')
local action_state = require('telescope.actions.state')
local conf = require('telescope.config').values

-- The results' title: the search's status and the completions on offer.
local function show(state)
  local border = state.picker and state.picker.results_border
  if border then
    pcall(border.change_title, border, ' ' .. state.status .. picker_lines.completion_hint(state.completions) .. ' ')
  end
end

-- Where Telescope puts the cursor: its `edit` action sets it at the entry's column as Neovim's
-- API takes it (from 0) while still in insert mode, and leaving insert mode then moves it one
-- left: a 1-based column lands on it, as Telescope's own grep entries do.
local function entry(hit)
  local first = hit.highlights[1] or {}
  return {
    value = hit,
    ordinal = hit.article.path,
    display = picker_lines.hit_line(hit),
    filename = hit.article.path,
    lnum = first.line or hit.location.startLine,
    col = first.column or hit.location.startColumn,
  }
end

-- A Telescope finder that asks the daemon: each new prompt cancels the search before it.
local function daemon_finder(state)
  local function cancel()
    if state.pending then passim.cancel(state.pending) end
    state.pending = nil
  end
  return setmetatable({
    close = function()
      cancel()
      passim.stop_listening('telescope')
    end,
  }, {
    __call = function(_, prompt, process_result, process_complete)
      cancel()
      state.query = prompt or ''
      if state.query:match('^%s*$') then
        state.status, state.completions = picker_lines.idle, {}
        show(state)
        return process_complete()
      end
      local query = state.query
      local id, err
      id, err = picker_lines.request(query, function(answer)
        -- A late answer to a replaced search (or its `requestCancelled`) is not shown.
        if id ~= state.pending then return end
        state.pending = nil
        state.status = picker_lines.summary(answer, query)
        show(state)
        for _, hit in ipairs(answer.result and answer.result.hits or {}) do process_result(entry(hit)) end
        process_complete()
      end, function(words)
        if state.query ~= query then return end
        state.completions = words
        show(state)
      end)
      if not id then
        state.status = err
        show(state)
        return process_complete()
      end
      state.pending = id
      state.status = 'searching "' .. query .. '"…'
      show(state)
    end,
  })
end

-- <Tab>: the word being typed completed with the first completion on offer.
local function complete(state, prompt_bufnr)
  local before = picker_lines.last_word(state.query)
  if not before or #state.completions == 0 then return end
  action_state.get_current_picker(prompt_bufnr):set_prompt(before .. state.completions[1] .. ' ')
end

local function search(opts)
  opts = opts or {}
  local state = { query = '', status = picker_lines.idle, completions = {} }
  local conn, err = passim.connect()
  if not conn then return vim.notify(err, vim.log.levels.ERROR) end
  state.picker = pickers.new(opts, {
    prompt_title = 'Passim',
    results_title = picker_lines.idle,
    finder = daemon_finder(state),
    -- The daemon ranks: Telescope keeps its order.
    sorter = require('telescope.sorters').empty(),
    tiebreak = function() return false end,
    debounce = vim.g.passim_debounce or 50,
    previewer = conf.grep_previewer(opts),
    attach_mappings = function(prompt_bufnr, map)
      map('i', '<Tab>', function() complete(state, prompt_bufnr) end)
      return true
    end,
  })
  passim.listen('telescope', function()
    if state.query ~= '' then state.picker:refresh() end
  end)
  state.picker:find()
  show(state)
end

return telescope.register_extension({ exports = { passim = search } })
