-- Passim's floating picker for Neovim 0.7 and later: require('passim.picker').open(query) (or
-- :PassimPick [query]) opens a prompt above a list of passages that is searched as you type.
-- Each keystroke waits g:passim_debounce ms (50) for the next, then searches; a search still
-- unanswered when the next one goes out is cancelled on the daemon ($/cancelRequest) and late
-- answers are dropped, so no queue of stale queries builds up. <Tab> completes the word being
-- typed with the index's words (`suggest`), <Down>/<Up> (<C-n>/<C-p>) choose, <CR> jumps to the
-- passage's first matched word, <Esc> closes. When the index changes (`index/didChange`) the list
-- is searched again. Lines show the article's title, the section heading and a snippet.

local passim = require('passim')

local M = {}

-- The open picker, or nil.
local picker = nil

local function option(name, default)
  local value = vim.g['passim_' .. name]
  if value == nil then return default end
  return value
end

--- The word being typed at the end of `query`, without the operators and field before it:
--- the text before it and the word; nil when the query ends in a space or the word cannot be
--- completed (a wildcard, an operator).
function M.last_word(query)
  if query == '' or query:match('%s$') then return nil end
  local token = query:match('(%S+)$')
  token = token:gsub('^.*:', ''):gsub('^[-+"(]+', '')
  if token == '' or token:find('[*)]') or token == 'AND' or token == 'OR' or token == 'NOT'
    or token:match('^NEAR/') then
    return nil
  end
  return query:sub(1, #query - #token), token
end

local function one_line(text)
  return (text:gsub('[ \t\r\n]+', ' '):gsub('^ ', ''):gsub(' $', ''))
end

--- A hit's text on one line, from about 30 bytes before its first match.
function M.hit_text(hit)
  local text = hit.passage.text
  local start = hit.highlights[1] and hit.highlights[1].start or 0
  -- Back to a character boundary about 30 bytes before the match.
  local from = math.max(0, start - 30)
  while from > 0 and bit.band(text:byte(from + 1), 0xC0) == 0x80 do from = from - 1 end
  return (from > 0 and '…' or '') .. one_line(text:sub(from + 1))
end

--- `Title § Section │ …text around the first match`.
function M.hit_line(hit)
  local section = type(hit.passage.section) == 'string' and (' § ' .. one_line(hit.passage.section)) or ''
  local stale = hit.stale == true and ' [changed since it was indexed]' or ''
  return one_line(hit.article.title) .. section .. stale .. ' │ ' .. M.hit_text(hit)
end

--- What the picker says before anything is typed.
M.idle = 'type to search · Tab completes a word · Enter jumps'

--- The status of a search's answer: `N of about M passages for "query"`, or the error.
function M.summary(answer, query)
  if answer.error then return 'passim: ' .. tostring(answer.error.message) end
  local result = answer.result
  local status = string.format('%d of about %d passages for "%s"', #result.hits, result.estimatedTotal, query)
  if type(result.correctedQuery) == 'string' then
    status = status .. ' · showing results for "' .. result.correctedQuery .. '"'
  end
  return status
end

--- The completions offered after the status (` · Tab: scars, scarring`), or ''.
function M.completion_hint(completions)
  return #completions > 0 and (' · Tab: ' .. table.concat(completions, ', ')) or ''
end

--- Sends `query`'s search (g:passim_limit passages) and, when the query ends in a word, asks
--- for its completions: `on_answer(message)` gets the search's answer (`result` or `error`),
--- `on_completions(words)` the words. Returns the search's id (to cancel it), or nil and a
--- message when there is no daemon.
function M.request(query, on_answer, on_completions)
  local id, err = passim.request_async('search', { query = query, limit = option('limit', 50) }, on_answer)
  if not id then return nil, err end
  local _, word = M.last_word(query)
  if word then
    passim.request_async('suggest', { prefix = word, limit = 5 }, function(answer)
      if answer.result then on_completions(vim.tbl_map(function(c) return c.term end, answer.result.completions)) end
    end)
  else
    on_completions({})
  end
  return id
end

local function render()
  if not picker then return end
  local lines = { picker.status .. M.completion_hint(picker.completions) }
  for _, hit in ipairs(picker.hits) do table.insert(lines, M.hit_line(hit)) end
  vim.api.nvim_buf_set_lines(picker.list_buf, 0, -1, false, lines)
  vim.api.nvim_buf_clear_namespace(picker.list_buf, picker.namespace, 0, -1)
  vim.api.nvim_buf_add_highlight(picker.list_buf, picker.namespace, 'Comment', 0, 0, -1)
  if #picker.hits > 0 then
    vim.api.nvim_buf_add_highlight(picker.list_buf, picker.namespace, 'PmenuSel', picker.selected, 0, -1)
    pcall(vim.api.nvim_win_set_cursor, picker.list_win, { picker.selected + 1, 0 })
  end
end

local function cancel()
  if picker and picker.pending then
    passim.cancel(picker.pending)
    picker.pending = nil
  end
end

local function search()
  if not picker then return end
  cancel()
  local query = picker.query
  if query:match('^%s*$') then
    picker.hits, picker.completions = {}, {}
    picker.status = M.idle
    return render()
  end
  local id, err = M.request(query, function(answer)
    -- A late answer to a replaced search (or its `requestCancelled`) is not shown.
    if not picker or answer.id ~= picker.pending then return end
    picker.pending = nil
    picker.hits = answer.result and answer.result.hits or {}
    picker.status = M.summary(answer, query)
    picker.selected = 0
    render()
  end, function(words)
    if not picker or picker.query ~= query then return end
    picker.completions = words
    render()
  end)
  if not id then
    picker.status = err
    return render()
  end
  picker.pending = id
  picker.status = 'searching "' .. query .. '"…'
  render()
end

-- The prompt's text changed: searched once typing pauses.
local function edited()
  if not picker then return end
  local query = vim.api.nvim_buf_get_lines(picker.prompt_buf, 0, 1, false)[1] or ''
  if query == picker.query then return end
  picker.query = query
  picker.timer:stop()
  picker.timer:start(option('debounce', 50), 0, vim.schedule_wrap(search))
end

function M.close()
  if not picker then return end
  local closing = picker
  picker = nil
  cancel()
  closing.timer:stop()
  closing.timer:close()
  passim.stop_listening('picker')
  vim.cmd('stopinsert')
  for _, win in ipairs({ closing.prompt_win, closing.list_win }) do
    if vim.api.nvim_win_is_valid(win) then vim.api.nvim_win_close(win, true) end
  end
  if vim.api.nvim_win_is_valid(closing.origin) then vim.api.nvim_set_current_win(closing.origin) end
end

local function select(step)
  if not picker or #picker.hits == 0 then return end
  picker.selected = math.max(0, math.min(picker.selected + step, #picker.hits - 1))
  render()
end

local function complete()
  if not picker or #picker.completions == 0 then return end
  local before = M.last_word(picker.query)
  if not before then return end
  local query = before .. picker.completions[1] .. ' '
  vim.api.nvim_buf_set_lines(picker.prompt_buf, 0, -1, false, { query })
  vim.api.nvim_win_set_cursor(picker.prompt_win, { 1, #query })
end

local function jump()
  if not picker or #picker.hits == 0 then return end
  local hit = picker.hits[picker.selected + 1]
  M.close()
  -- After insert mode has ended (M.close's :stopinsert takes effect when this mapping returns,
  -- and would move the cursor one left).
  vim.schedule(function()
    local first = hit.highlights[1] or {}
    vim.cmd('edit ' .. vim.fn.fnameescape(hit.article.path))
    -- Neovim's columns are bytes, as the daemon's UTF-8 positions are; the API's are 0-based.
    local line = first.line or hit.location.startLine
    local column = first.column or hit.location.startColumn
    vim.api.nvim_win_set_cursor(0, { line, column - 1 })
    if hit.stale == true then
      vim.notify('passim: the file changed since it was indexed; this is where the passage was')
    end
  end)
end

--- Opens the picker, starting at `query`.
function M.open(query)
  if picker then M.close() end
  local conn, err = passim.connect()
  if not conn then return vim.notify(err, vim.log.levels.ERROR) end
  local width = math.max(40, math.floor(vim.o.columns * 0.8))
  local height = math.max(6, math.floor(vim.o.lines * 0.7))
  local row = math.floor((vim.o.lines - height - 3) / 2)
  local col = math.floor((vim.o.columns - width) / 2)
  local prompt_buf = vim.api.nvim_create_buf(false, true)
  local list_buf = vim.api.nvim_create_buf(false, true)
  local origin = vim.api.nvim_get_current_win()
  local list_win = vim.api.nvim_open_win(list_buf, false, {
    relative = 'editor', row = row + 3, col = col, width = width, height = height,
    style = 'minimal', border = 'single', focusable = false,
  })
  vim.wo[list_win].wrap = false
  local prompt_win = vim.api.nvim_open_win(prompt_buf, true, {
    relative = 'editor', row = row, col = col, width = width, height = 1,
    style = 'minimal', border = 'single',
  })
  picker = {
    prompt_buf = prompt_buf, prompt_win = prompt_win, list_buf = list_buf, list_win = list_win, origin = origin,
    query = '', hits = {}, completions = {}, selected = 0, status = M.idle,
    namespace = vim.api.nvim_create_namespace('passim_picker'), timer = vim.loop.new_timer(),
  }
  passim.listen('picker', function()
    if picker and picker.query ~= '' then search() end
  end)
  local function map(keys, action)
    for _, key in ipairs(keys) do
      vim.keymap.set({ 'i', 'n' }, key, action, { buffer = prompt_buf, nowait = true })
    end
  end
  map({ '<CR>' }, jump)
  map({ '<Esc>', '<C-c>' }, M.close)
  map({ '<Tab>' }, complete)
  map({ '<Down>', '<C-n>', '<C-j>' }, function() select(1) end)
  map({ '<Up>', '<C-p>', '<C-k>' }, function() select(-1) end)
  vim.api.nvim_create_autocmd({ 'TextChangedI', 'TextChanged' }, { buffer = prompt_buf, callback = edited })
  vim.api.nvim_create_autocmd('WinLeave', { buffer = prompt_buf, once = true, callback = function()
    vim.schedule(M.close)
  end })
  vim.api.nvim_buf_set_lines(prompt_buf, 0, -1, false, { query or '' })
  render()
  vim.cmd('startinsert!')
  if query and query ~= '' then edited() end
end

return M
