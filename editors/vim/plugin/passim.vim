vim9script noclear
# Passim for Vim 9: `:PassimSearch {query}` asks the running `passim serve` daemon and puts the
# hits in the quickfix list (`path:line:col: text`, at each passage's first matched word);
# `:PassimPick [query]` opens a popup that searches as you type (autoload/passim/picker.vim).
#
# Vim speaks the daemon's protocol itself: a channel in `lsp` mode (Content-Length framing,
# JSON-RPC 2.0) on a `unix:` address, both in Vim since 8.2.4684. Nothing else is needed.
#
# Options (all optional):
#   g:passim_socket   the daemon's socket; else $PASSIM_SOCKET, else
#                     $XDG_RUNTIME_DIR/passim/passim.sock, else /tmp/passim-<uid>/passim.sock
#   g:passim_limit    hits per search (default 50, at most 1000)
#   g:passim_timeout  milliseconds a search may take (default 5000)
#   g:passim_open     0 to fill the quickfix list without opening its window (default 1)
#   g:passim_debounce milliseconds the picker waits after a keystroke before searching (default 50)

# `noclear`: sourced again (a vimrc's `:runtime` and then Vim's own plugin loading), the guard
# below finishes early, and Vim 9 must not first delete the functions the commands call.
if exists('g:loaded_passim') || !has('channel')
  finish
endif
g:loaded_passim = 1

var chan: channel = null_channel
# Who hears `index/didChange`: the picker registers itself here while it is open.
var changeListeners: list<func(dict<any>)> = []

# The socket path, by the rules of PROTOCOL.md ("Connecting").
def g:PassimSocketPath(): string
  if !empty(get(g:, 'passim_socket', ''))
    return expand(g:passim_socket)
  elseif !empty($PASSIM_SOCKET)
    return $PASSIM_SOCKET
  elseif $XDG_RUNTIME_DIR =~ '^/'
    return substitute($XDG_RUNTIME_DIR, '\(.\)/\+$', '\1', '') .. '/passim/passim.sock'
  endif
  return '/tmp/passim-' .. trim(system('id -u')) .. '/passim.sock'
enddef

# Notifications and late answers arrive here; a search is answered through ch_evalexpr().
def OnMessage(ch: channel, message: any)
  if type(message) == v:t_dict && get(message, 'method', '') == 'index/didChange'
    for Listener in changeListeners
      Listener(message.params)
    endfor
  endif
enddef

# Calls `Listener` with each `index/didChange` (its params) until g:PassimStopListening(Listener).
def g:PassimListen(Listener: func(dict<any>))
  add(changeListeners, Listener)
enddef

def g:PassimStopListening(Listener: func(dict<any>))
  filter(changeListeners, (_, l) => l != Listener)
enddef

# The open channel to the daemon, connecting (and checking the protocol version) when needed.
def g:PassimChannel(): channel
  if ch_status(chan) == 'open'
    return chan
  endif
  var path = g:PassimSocketPath()
  try
    # No 'waittime': Vim 9.0 refuses it for a unix: address (E475), and a local connect never waits.
    chan = ch_open('unix:' .. path, {mode: 'lsp', callback: OnMessage})
  catch
    chan = null_channel
  endtry
  if ch_status(chan) != 'open'
    throw 'passim: no daemon answers on ' .. path .. '; start one with `passim serve` or set g:passim_socket'
  endif
  # Vim's columns are bytes: ask for UTF-8 positions (the default) explicitly.
  var answer = ch_evalexpr(chan, {method: 'initialize', params: {
    clientInfo: {name: 'vim', version: string(v:version)},
    capabilities: {general: {positionEncodings: ['utf-8']}, notifications: {indexDidChange: true}}}},
    {timeout: Timeout()})
  var version = get(get(answer, 'result', {}), 'protocolVersion', '')
  if version !~ '^1\.'
    ch_close(chan)
    throw 'passim: the daemon on ' .. path .. ' speaks protocol ' .. string(version)
      .. ', this plugin needs 1.x'
  endif
  return chan
enddef

def Timeout(): number
  return get(g:, 'passim_timeout', 5000)
enddef

# One quickfix entry per hit, at the passage's first highlight, its text on one line; a hit
# whose file changed since it was indexed (its place is the old one) says so.
def QuickfixItem(hit: dict<any>): dict<any>
  var first = empty(hit.highlights) ? {} : hit.highlights[0]
  var stale = get(hit, 'stale', v:false) == v:true ? '[changed since it was indexed] ' : ''
  return {
    filename: hit.article.path,
    lnum: get(first, 'line', hit.location.startLine),
    col: get(first, 'column', hit.location.startColumn),
    text: stale .. trim(substitute(hit.passage.text, '[ \t\r\n]\+', ' ', 'g'), ' ')}
enddef

# Searches and fills the quickfix list; returns the number of hits.
def g:PassimSearch(query: string): number
  var timeout = Timeout()
  # The daemon stops at deadlineMs; Vim waits a little longer for that answer.
  var answer = ch_evalexpr(g:PassimChannel(), {method: 'search', params: {
    query: query, limit: get(g:, 'passim_limit', 50), deadlineMs: timeout}}, {timeout: timeout + 1000})
  if empty(answer)
    throw 'passim: no answer from the daemon within ' .. (timeout + 1000) .. ' ms'
  elseif has_key(answer, 'error')
    throw 'passim: ' .. answer.error.message
  endif
  var result = answer.result
  setqflist([], ' ', {title: 'passim: ' .. query, items: result.hits->mapnew((_, hit) => QuickfixItem(hit))})
  if has_key(result, 'correctedQuery')
    echomsg 'passim: no good match for "' .. query .. '"; showing results for "'
      .. result.correctedQuery .. '"'
  elseif empty(result.hits)
    echomsg 'passim: no passages match "' .. query .. '"'
  endif
  if get(g:, 'passim_open', 1) && !empty(result.hits)
    copen
  endif
  return len(result.hits)
enddef

def Command(query: string)
  try
    g:PassimSearch(query)
  catch /^passim: /
    echohl ErrorMsg | echomsg v:exception | echohl None
  endtry
enddef

command! -nargs=+ PassimSearch Command(<q-args>)
import autoload 'passim/picker.vim'

def Pick(query: string)
  picker.Open(query)
enddef

command! -nargs=* PassimPick Pick(<q-args>)
