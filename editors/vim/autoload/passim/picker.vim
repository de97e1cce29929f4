vim9script
# Passim's picker for Vim 9: `:PassimPick [query]` opens a popup that searches the daemon as you
# type. Each keystroke waits g:passim_debounce ms (50) for the next, then searches; a search
# still unanswered when the next one goes out is cancelled on the daemon ($/cancelRequest), and
# late answers are dropped, so no queue of stale queries builds up. Tab completes the word being
# typed with the index's words (`suggest`); <Down>/<Up> (CTRL-N/CTRL-P) choose, Enter jumps to
# the passage's first matched word, Esc closes. When the index changes (`index/didChange`) the
# list is searched again. Lines show the article's title, the section heading and a snippet.

# The open picker, or {} when none is.
var picker: dict<any> = {}

# The word being typed at the end of `query`, without the operators and field before it:
# [text before it, the word]; [] when the query ends in a space or the word cannot be completed.
export def LastWord(query: string): list<string>
  if query == '' || query =~ '\s$'
    return []
  endif
  var token = matchstr(query, '\S\+$')
  token = substitute(token, '^.*:', '', '')
  token = substitute(token, '^[-+"(]\+', '', '')
  if token == '' || token =~ '[*)]' || index(['AND', 'OR', 'NOT'], token) >= 0 || token =~ '^NEAR/'
    return []
  endif
  return [strpart(query, 0, len(query) - len(token)), token]
enddef

export def Open(query: string = '')
  if !empty(picker)
    popup_close(picker.winid)
  endif
  try
    g:PassimChannel()
  catch /^passim: /
    echohl ErrorMsg | echomsg v:exception | echohl None
    return
  endtry
  var width = max([40, &columns * 4 / 5])
  var height = max([6, &lines * 3 / 4])
  var winid = popup_create([], {
    pos: 'center', minwidth: width, maxwidth: width, minheight: height, maxheight: height,
    border: [], padding: [0, 1, 0, 1], title: ' passim ', wrap: false, scrollbar: false,
    cursorline: true, mapping: false, filter: OnKey, callback: OnClose})
  picker = {winid: winid, query: query, hits: [], selected: 0, timer: 0, pending: 0,
    completions: [], status: 'type to search · Tab completes a word · Enter jumps', height: height}
  g:PassimListen(OnIndexChange)
  Render()
  if query != ''
    Search()
  endif
enddef

def OnClose(winid: number, result: any)
  if !empty(picker) && picker.winid == winid
    timer_stop(picker.timer)
    Cancel()
    g:PassimStopListening(OnIndexChange)
    picker = {}
  endif
enddef

def OnIndexChange(params: dict<any>)
  if !empty(picker) && picker.query != ''
    Search()
  endif
enddef

def OnKey(winid: number, key: string): bool
  if key == "\<Esc>" || key == "\<C-c>"
    popup_close(winid)
  elseif key == "\<CR>"
    Jump()
  elseif key == "\<Down>" || key == "\<C-n>" || key == "\<C-j>"
    Select(picker.selected + 1)
  elseif key == "\<Up>" || key == "\<C-p>" || key == "\<C-k>"
    Select(picker.selected - 1)
  elseif key == "\<Tab>"
    var word = LastWord(picker.query)
    if !empty(word) && !empty(picker.completions)
      Edit(word[0] .. picker.completions[0] .. ' ')
    endif
  elseif key == "\<BS>" || key == "\<C-h>"
    Edit(strcharpart(picker.query, 0, strchars(picker.query) - 1))
  elseif key == "\<C-u>"
    Edit('')
  elseif strchars(key) == 1 && char2nr(key) >= 32
    Edit(picker.query .. key)
  endif
  # Every key is the picker's while it is open.
  return true
enddef

# A new query: shown at once, searched once typing pauses.
def Edit(query: string)
  picker.query = query
  Render()
  timer_stop(picker.timer)
  picker.timer = timer_start(get(g:, 'passim_debounce', 50), (_) => Search())
enddef

# Cancels the search still waiting for its answer, if any.
def Cancel()
  if picker.pending > 0
    try
      ch_sendexpr(g:PassimChannel(), {method: '$/cancelRequest', params: {id: picker.pending}})
    catch /^passim: /
    endtry
    picker.pending = 0
  endif
enddef

def Search()
  Cancel()
  var query = picker.query
  if query =~ '^\s*$'
    picker.hits = []
    picker.completions = []
    picker.status = 'type to search · Tab completes a word · Enter jumps'
    Render()
    return
  endif
  try
    var chan = g:PassimChannel()
    var sent = ch_sendexpr(chan, {method: 'search', params: {query: query, limit: get(g:, 'passim_limit', 50)}},
      {callback: (_, answer) => OnHits(query, answer)})
    picker.pending = get(sent, 'id', 0)
    var word = LastWord(query)
    if empty(word)
      picker.completions = []
    else
      ch_sendexpr(chan, {method: 'suggest', params: {prefix: word[1], limit: 5}},
        {callback: (_, answer) => OnCompletions(query, answer)})
    endif
    picker.status = 'searching "' .. query .. '"…'
  catch /^passim: /
    picker.status = v:exception
  endtry
  Render()
enddef

def OnHits(query: string, answer: dict<any>)
  # A late answer to a replaced search (or its `requestCancelled`) is not shown.
  if empty(picker) || get(answer, 'id', -1) != picker.pending
    return
  endif
  picker.pending = 0
  if has_key(answer, 'error')
    picker.hits = []
    picker.status = 'passim: ' .. answer.error.message
  else
    var result = answer.result
    picker.hits = result.hits
    picker.status = printf('%d of about %d passages for "%s"', len(result.hits), result.estimatedTotal, query)
    if has_key(result, 'correctedQuery')
      picker.status ..= ' · showing results for "' .. result.correctedQuery .. '"'
    endif
  endif
  picker.selected = 0
  Render()
enddef

def OnCompletions(query: string, answer: dict<any>)
  if empty(picker) || query != picker.query || !has_key(answer, 'result')
    return
  endif
  picker.completions = answer.result.completions->mapnew((_, c) => c.term)
  Render()
enddef

def Select(index: number)
  if empty(picker.hits)
    return
  endif
  picker.selected = max([0, min([index, len(picker.hits) - 1])])
  Render()
enddef

# Whitespace runs as one space.
def OneLine(text: string): string
  return trim(substitute(text, '[ \t\r\n]\+', ' ', 'g'))
enddef

# `Title § Section │ …text around the first match`.
def HitLine(hit: dict<any>): string
  var text = hit.passage.text
  var start = empty(hit.highlights) ? 0 : charidx(text, hit.highlights[0].start)
  var snippet = OneLine(strcharpart(text, max([0, start - 30])))
  var section = has_key(hit.passage, 'section') ? ' § ' .. OneLine(hit.passage.section) : ''
  var stale = get(hit, 'stale', v:false) == v:true ? ' [changed since it was indexed]' : ''
  return OneLine(hit.article.title) .. section .. stale .. ' │ ' .. (start > 30 ? '…' : '') .. snippet
enddef

def Render()
  var hint = empty(picker.completions) ? '' : ' · Tab: ' .. join(picker.completions, ', ')
  var lines = ['passim> ' .. picker.query .. '▏', picker.status .. hint]
  var hits = picker.hits->mapnew((_, hit) => HitLine(hit))
  popup_settext(picker.winid, lines + hits)
  # The cursor line is the chosen hit (the prompt when there is none).
  var row = empty(hits) ? 1 : picker.selected + 3
  win_execute(picker.winid, 'normal! ' .. row .. 'G')
enddef

def Jump()
  if empty(picker.hits)
    return
  endif
  var hit = picker.hits[picker.selected]
  popup_close(picker.winid)
  var first = empty(hit.highlights) ? {} : hit.highlights[0]
  execute 'edit' fnameescape(hit.article.path)
  cursor(get(first, 'line', hit.location.startLine), get(first, 'column', hit.location.startColumn))
  if get(hit, 'stale', v:false) == v:true
    echomsg 'passim: the file changed since it was indexed; this is where the passage was'
  endif
enddef
