-- Passim for Neovim: require('passim').search(query) asks the running `passim serve` daemon and
-- puts the hits in the quickfix list (`path:line:col: text`, at each passage's first matched word).
--
-- Works with what Neovim 0.7 (Debian 12) ships: `sockconnect()` in raw mode for the Unix socket,
-- the daemon's line framing (one JSON object per line) written here, and `vim.json`.
-- (`vim.lsp.rpc.connect`, which would do the framing, needs Neovim 0.10.)
--
-- Options, shared with the Vim plugin (all optional):
--   g:passim_socket   the daemon's socket; else $PASSIM_SOCKET, else
--                     $XDG_RUNTIME_DIR/passim/passim.sock, else /tmp/passim-<uid>/passim.sock
--   g:passim_limit    hits per search (default 50, at most 1000)
--   g:passim_timeout  milliseconds a search may take (default 5000)
--   g:passim_open     0 to fill the quickfix list without opening its window (default 1)

local M = {}

-- The open connection: { chan, buffer, pending = { [id] = callback }, next_id }, or nil.
local connection = nil

-- Who hears `index/didChange` (the picker, while it is open): { [key] = function(params) }.
local change_listeners = {}

--- Calls `listener(params)` on each `index/didChange` until `M.stop_listening(key)`.
function M.listen(key, listener) change_listeners[key] = listener end

function M.stop_listening(key) change_listeners[key] = nil end

local function option(name, default)
  local value = vim.g['passim_' .. name]
  if value == nil then return default end
  return value
end

--- The socket path, by the rules of PROTOCOL.md ("Connecting").
function M.socket_path()
  local configured = vim.g.passim_socket
  if configured and configured ~= '' then return vim.fn.expand(configured) end
  local env = os.getenv('PASSIM_SOCKET')
  if env and env ~= '' then return env end
  local runtime = os.getenv('XDG_RUNTIME_DIR')
  if runtime and runtime:sub(1, 1) == '/' then
    return (runtime:gsub('(.)/+$', '%1')) .. '/passim/passim.sock'
  end
  return '/tmp/passim-' .. vim.loop.getuid() .. '/passim.sock'
end

local function closed(conn, reason)
  if connection == conn then connection = nil end
  for id, callback in pairs(conn.pending) do
    conn.pending[id] = nil
    callback({ error = { message = reason } })
  end
end

-- `data` is the received chunk split at newlines; {''} means the daemon closed the socket.
local function on_data(conn, data)
  if #data == 1 and data[1] == '' then
    return closed(conn, 'the daemon closed the connection')
  end
  conn.buffer = conn.buffer .. table.concat(data, '\n')
  while true do
    local newline = conn.buffer:find('\n', 1, true)
    if not newline then break end
    local line = conn.buffer:sub(1, newline - 1)
    conn.buffer = conn.buffer:sub(newline + 1)
    local ok, message = pcall(vim.json.decode, line)
    -- Answers carry the id of their request; notifications have none.
    if ok and type(message) == 'table' and type(message.id) == 'number' then
      local callback = conn.pending[message.id]
      conn.pending[message.id] = nil
      if callback then callback(message) end
    elseif ok and type(message) == 'table' and message.method == 'index/didChange' then
      for _, listener in pairs(change_listeners) do listener(message.params) end
    end
  end
end

local function send(conn, message)
  return pcall(vim.fn.chansend, conn.chan, vim.json.encode(message) .. '\n')
end

--- Sends a request without waiting: `callback(message)` gets the whole answer (`result` or
--- `error`). Returns its id, or nil and a message when there is no connection.
function M.request_async(method, params, callback)
  local conn, err = M.connect()
  if not conn then return nil, err end
  conn.next_id = conn.next_id + 1
  local id = conn.next_id
  conn.pending[id] = callback
  if not send(conn, { jsonrpc = '2.0', id = id, method = method, params = params }) then
    conn.pending[id] = nil
    closed(conn, 'the connection to the daemon broke')
    return nil, 'passim: the connection to the daemon broke; try again'
  end
  return id
end

--- Tells the daemon to stop working on request `id` (its answer, `requestCancelled`, is dropped).
function M.cancel(id)
  if not connection then return end
  connection.pending[id] = nil
  send(connection, { jsonrpc = '2.0', method = '$/cancelRequest', params = { id = id } })
end

-- Sends a request and waits up to `timeout` ms; returns the result, or nil and a message.
local function request(conn, method, params, timeout)
  conn.next_id = conn.next_id + 1
  local id = conn.next_id
  local answer
  conn.pending[id] = function(message) answer = message end
  if not send(conn, { jsonrpc = '2.0', id = id, method = method, params = params }) then
    conn.pending[id] = nil
    closed(conn, 'the connection to the daemon broke')
    return nil, 'passim: the connection to the daemon broke; try again'
  end
  if not vim.wait(timeout, function() return answer ~= nil end, 10) then
    conn.pending[id] = nil
    send(conn, { jsonrpc = '2.0', method = '$/cancelRequest', params = { id = id } })
    return nil, 'passim: no answer from the daemon within ' .. timeout .. ' ms'
  end
  if answer.error then return nil, 'passim: ' .. tostring(answer.error.message) end
  return answer.result
end

--- The open connection, connecting (and checking the protocol version) when needed.
function M.connect()
  if connection then return connection end
  local path = M.socket_path()
  local conn = { buffer = '', pending = {}, next_id = 0 }
  local ok, chan = pcall(vim.fn.sockconnect, 'pipe', path, {
    on_data = function(_, data) on_data(conn, data) end,
  })
  if not ok or chan == 0 then
    return nil, 'passim: no daemon answers on ' .. path
      .. '; start one with `passim serve` or set g:passim_socket'
  end
  conn.chan = chan
  connection = conn
  -- Neovim's columns are bytes: ask for UTF-8 positions (the default) explicitly.
  local result, err = request(conn, 'initialize', {
    clientInfo = { name = 'neovim' },
    capabilities = { general = { positionEncodings = { 'utf-8' } }, notifications = { indexDidChange = true } },
  }, option('timeout', 5000))
  if not result then
    pcall(vim.fn.chanclose, chan)
    closed(conn, 'closed')
    return nil, err
  end
  if not tostring(result.protocolVersion):match('^1%.') then
    pcall(vim.fn.chanclose, chan)
    closed(conn, 'closed')
    return nil, 'passim: the daemon on ' .. path .. ' speaks protocol ' .. tostring(result.protocolVersion)
      .. ', this plugin needs 1.x'
  end
  return conn
end

-- Whitespace runs (newlines included) become single spaces, as in `passim search --vimgrep`.
local function one_line(text)
  return (text:gsub('[ \t\r\n]+', ' '):gsub('^ ', ''):gsub(' $', ''))
end

--- One quickfix entry for a hit, at the passage's first highlight; a hit whose file changed
--- since it was indexed (its place is the old one) says so.
function M.quickfix_item(hit)
  local first = hit.highlights[1] or {}
  local stale = hit.stale == true and '[changed since it was indexed] ' or ''
  return {
    filename = hit.article.path,
    lnum = first.line or hit.location.startLine,
    col = first.column or hit.location.startColumn,
    text = stale .. one_line(hit.passage.text),
  }
end

--- Searches and fills the quickfix list. `opts`: limit, timeout (ms), open (boolean).
--- Returns the search result, or nil and an error message (also shown with vim.notify).
function M.search(query, opts)
  opts = opts or {}
  local timeout = opts.timeout or option('timeout', 5000)
  local conn, err = M.connect()
  local result
  if conn then
    -- The daemon stops at deadlineMs; Neovim waits a little longer for that answer.
    result, err = request(conn, 'search', {
      query = query, limit = opts.limit or option('limit', 50), deadlineMs = timeout,
    }, timeout + 1000)
  end
  if not result then
    vim.notify(err, vim.log.levels.ERROR)
    return nil, err
  end
  local items = vim.tbl_map(M.quickfix_item, result.hits)
  vim.fn.setqflist({}, ' ', { title = 'passim: ' .. query, items = items })
  if type(result.correctedQuery) == 'string' then
    vim.notify('passim: no good match for "' .. query .. '"; showing results for "'
      .. result.correctedQuery .. '"')
  elseif #items == 0 then
    vim.notify('passim: no passages match "' .. query .. '"')
  end
  local open = opts.open
  if open == nil then open = option('open', 1) ~= 0 end
  if open and #items > 0 then vim.cmd('copen') end
  return result
end

return M
