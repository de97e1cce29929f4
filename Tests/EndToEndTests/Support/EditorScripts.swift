/// The scripts `EditorTests` runs in each editor. They load the integration from editors/ the way
/// a user installs it, and write what the editor shows to `$PASSIM_TEST_DIR/report.json`
/// (shape: `EditorReport`, `SocketReport`). Inputs come from files and environment variables:
/// `$PASSIM_TEST_PLUGIN_DIR` (editors/<editor>), `$PASSIM_TEST_DIR/queries.json`,
/// `$PASSIM_TEST_DIR/socket-cases.json`, `$PASSIM_TEST_MISSING` (a socket nobody serves).
enum EditorScripts {
    /// Vim: `:PassimSearch` for each query, `:cc N` to every hit, then a query the daemon refuses.
    static let vimSearch = #"""
        set nomore
        execute 'set runtimepath^=' . fnameescape($PASSIM_TEST_PLUGIN_DIR)
        runtime plugin/passim.vim
        let g:passim_socket = $PASSIM_TEST_SOCKET
        let s:searches = []
        for s:query in json_decode(join(readfile($PASSIM_TEST_DIR . '/queries.json'), "\n"))
          execute 'PassimSearch' s:query
          let s:items = map(getqflist(), {_, e -> {'file': fnamemodify(bufname(e.bufnr), ':p'),
                \ 'line': e.lnum, 'column': e.col, 'text': e.text}})
          let s:visited = []
          for s:n in range(1, len(s:items))
            silent execute 'cc' s:n
            call add(s:visited, {'file': expand('%:p'), 'line': line('.'), 'column': col('.'),
                  \ 'rest': strpart(getline('.'), col('.') - 1)})
          endfor
          call add(s:searches, {'query': s:query, 'title': getqflist({'title': 1}).title,
                \ 'items': s:items, 'visited': s:visited,
                \ 'quickfixWindows': len(filter(getwininfo(), 'v:val.quickfix'))})
        endfor
        PassimSearch stem cells title:
        call writefile([json_encode({'searches': s:searches, 'messages': execute('messages'),
              \ 'titleAfterError': getqflist({'title': 1}).title})], $PASSIM_TEST_DIR . '/report.json')
        qa!
        """#

    /// Vim: the socket path under each case's settings, then a search with no daemon.
    static let vimSocket = #"""
        set nomore
        execute 'set runtimepath^=' . fnameescape($PASSIM_TEST_PLUGIN_DIR)
        runtime plugin/passim.vim
        let s:paths = []
        for s:case in json_decode(join(readfile($PASSIM_TEST_DIR . '/socket-cases.json'), "\n"))
          if s:case.configured is v:null
            silent! unlet g:passim_socket
          else
            let g:passim_socket = s:case.configured
          endif
          call setenv('PASSIM_SOCKET', s:case.PASSIM_SOCKET)
          call setenv('XDG_RUNTIME_DIR', s:case.XDG_RUNTIME_DIR)
          call add(s:paths, g:PassimSocketPath())
        endfor
        let g:passim_socket = $PASSIM_TEST_MISSING
        PassimSearch stem cells
        call writefile([json_encode({'paths': s:paths, 'messages': execute('messages')})],
              \ $PASSIM_TEST_DIR . '/report.json')
        qa!
        """#

    /// Neovim: `:PassimSearch` for each query, `:cc N` to every hit, then a query the daemon refuses.
    static let neovimSearch = #"""
        local dir = os.getenv('PASSIM_TEST_DIR')
        vim.opt.runtimepath:prepend(os.getenv('PASSIM_TEST_PLUGIN_DIR'))
        vim.cmd('runtime plugin/passim.lua')
        local function read(path)
          local file = assert(io.open(path))
          local text = file:read('*a')
          file:close()
          return text
        end
        local searches = {}
        for _, query in ipairs(vim.json.decode(read(dir .. '/queries.json'))) do
          vim.cmd('PassimSearch ' .. query)
          local items, visited = {}, {}
          for n, e in ipairs(vim.fn.getqflist()) do
            table.insert(items, { file = vim.fn.fnamemodify(vim.fn.bufname(e.bufnr), ':p'),
              line = e.lnum, column = e.col, text = e.text })
            vim.cmd('silent cc ' .. n)
            local col = vim.fn.col('.')
            table.insert(visited, { file = vim.fn.expand('%:p'), line = vim.fn.line('.'), column = col,
              rest = vim.fn.getline('.'):sub(col) })
          end
          local windows = 0
          for _, info in ipairs(vim.fn.getwininfo()) do
            if info.quickfix == 1 then windows = windows + 1 end
          end
          table.insert(searches, { query = query, title = vim.fn.getqflist({ title = 1 }).title,
            items = items, visited = visited, quickfixWindows = windows })
        end
        -- Run from Lua, the command's error message comes back as a Lua error.
        local _, refused = pcall(vim.cmd, 'PassimSearch stem cells title:')
        local report = vim.json.encode({ searches = searches, messages = tostring(refused),
          titleAfterError = vim.fn.getqflist({ title = 1 }).title })
        local out = assert(io.open(dir .. '/report.json', 'w'))
        out:write(report)
        out:close()
        """#

    /// Neovim: the socket path under each case's settings, then a search with no daemon.
    static let neovimSocket = #"""
        local dir = os.getenv('PASSIM_TEST_DIR')
        vim.opt.runtimepath:prepend(os.getenv('PASSIM_TEST_PLUGIN_DIR'))
        vim.cmd('runtime plugin/passim.lua')
        local file = assert(io.open(dir .. '/socket-cases.json'))
        local cases = vim.json.decode(file:read('*a'))
        file:close()
        local paths = {}
        for _, case in ipairs(cases) do
          if case.configured == vim.NIL then vim.g.passim_socket = nil else vim.g.passim_socket = case.configured end
          vim.fn.setenv('PASSIM_SOCKET', case.PASSIM_SOCKET)
          vim.fn.setenv('XDG_RUNTIME_DIR', case.XDG_RUNTIME_DIR)
          table.insert(paths, require('passim').socket_path())
        end
        vim.g.passim_socket = os.getenv('PASSIM_TEST_MISSING')
        local _, refused = pcall(vim.cmd, 'PassimSearch stem cells')
        local out = assert(io.open(dir .. '/report.json', 'w'))
        out:write(vim.json.encode({ paths = paths, messages = tostring(refused) }))
        out:close()
        """#

    /// Emacs: `passim-search` for each query, `next-error` through every hit, then a query the
    /// daemon refuses. The socket comes from $XDG_RUNTIME_DIR.
    static let emacsSearch = #"""
        (add-to-list 'load-path (getenv "PASSIM_TEST_PLUGIN_DIR"))
        (require 'passim)
        (defun passim-test-read (file)
          (with-temp-buffer
            (insert-file-contents file)
            (json-parse-buffer :object-type 'plist :array-type 'list :null-object nil)))
        (let ((dir (getenv "PASSIM_TEST_DIR")) (searches nil) (refused nil))
          (dolist (query (passim-test-read (expand-file-name "queries.json" dir)))
            (let ((results (passim-search query)) (visited nil))
              (setq next-error-last-buffer results)
              (condition-case nil
                  (progn
                    (first-error)
                    (while t
                      (with-current-buffer (window-buffer (selected-window))
                        (push (list :file (expand-file-name (buffer-file-name)) :line (line-number-at-pos)
                                    :column (1+ (- (point) (line-beginning-position)))
                                    :rest (buffer-substring-no-properties (point) (line-end-position)))
                              visited))
                      (next-error 1)))
                (user-error nil))
              (with-current-buffer results
                (push (list :query query :mode (symbol-name major-mode)
                            :grepMode (if (derived-mode-p 'grep-mode) t :false)
                            :buffer (buffer-substring-no-properties (point-min) (point-max))
                            :visited (vconcat (nreverse visited)))
                      searches))))
          (setq refused (condition-case err (progn (passim-search "stem cells title:") "no error")
                          (user-error (error-message-string err))))
          (let ((coding-system-for-write 'utf-8-unix))
           (with-temp-file (expand-file-name "report.json" dir)
            (insert (json-serialize (list :searches (vconcat (nreverse searches)) :messages refused))))))
        """#

    /// Emacs: the socket path under each case's settings, then a search with no daemon.
    static let emacsSocket = #"""
        (add-to-list 'load-path (getenv "PASSIM_TEST_PLUGIN_DIR"))
        (require 'passim)
        (let* ((dir (getenv "PASSIM_TEST_DIR"))
               (cases (with-temp-buffer
                        (insert-file-contents (expand-file-name "socket-cases.json" dir))
                        (json-parse-buffer :object-type 'plist :array-type 'list :null-object nil)))
               (paths nil))
          (dolist (case cases)
            (setq passim-socket (plist-get case :configured))
            (setenv "PASSIM_SOCKET" (plist-get case :PASSIM_SOCKET))
            (setenv "XDG_RUNTIME_DIR" (plist-get case :XDG_RUNTIME_DIR))
            (push (passim-socket-path) paths))
          (setq passim-socket (getenv "PASSIM_TEST_MISSING"))
          (let ((refused (condition-case err (progn (passim-search "stem cells") "no error")
                           (user-error (error-message-string err)))))
            (with-temp-file (expand-file-name "report.json" dir)
              (insert (json-serialize (list :paths (vconcat (nreverse paths)) :messages refused))))))
        """#
}
