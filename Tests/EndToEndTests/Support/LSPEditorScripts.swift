/// The scripts `LSPEditorTests` runs: each editor's own LSP client starts `passim lsp` as a
/// user's configuration would, asks `workspace/symbol` for each query of
/// `$PASSIM_TEST_DIR/queries.json`, jumps to every symbol the way the editor does, and writes
/// what it saw to `$PASSIM_TEST_DIR/report.json` (shape: `LSPEditorReport`). `$PASSIM_TEST_BINARY`
/// is the passim under test, `$PASSIM_TEST_SOCKET` the socket it is pointed at.
enum LSPEditorScripts {
    /// Neovim 0.7's built-in client (`vim.lsp.start_client`; 0.8 added `vim.lsp.start`), jumping
    /// with `vim.lsp.util.jump_to_location`, which converts the client's position encoding to
    /// byte columns.
    static let neovim = #"""
        local dir = os.getenv('PASSIM_TEST_DIR')
        local ready = false
        local client_id = vim.lsp.start_client({
          name = 'passim',
          cmd = { os.getenv('PASSIM_TEST_BINARY'), 'lsp', '--index', 'idx', '--socket', os.getenv('PASSIM_TEST_SOCKET') },
          root_dir = dir,
          on_init = function() ready = true end,
        })
        vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/notes.txt'))
        local buffer = vim.api.nvim_get_current_buf()
        vim.lsp.buf_attach_client(buffer, client_id)
        assert(vim.wait(30000, function() return ready end), 'passim lsp did not initialize')
        local client = vim.lsp.get_client_by_id(client_id)
        local searches = {}
        for _, query in ipairs(vim.json.decode(table.concat(vim.fn.readfile(dir .. '/queries.json'), '\n'))) do
          local responses = assert(vim.lsp.buf_request_sync(buffer, 'workspace/symbol', { query = query }, 30000))
          local response = assert(responses[client_id], 'no answer from passim lsp')
          assert(response.err == nil, vim.inspect(response.err))
          local symbols, visited = {}, {}
          for _, symbol in ipairs(response.result) do
            table.insert(symbols, { name = symbol.name, container = symbol.containerName or '', kind = symbol.kind })
            vim.lsp.util.jump_to_location(symbol.location, client.offset_encoding)
            local col = vim.fn.col('.')
            table.insert(visited, { file = vim.fn.expand('%:p'), line = vim.fn.line('.'), column = col,
              rest = vim.fn.getline('.'):sub(col) })
          end
          table.insert(searches, { query = query, symbols = symbols, visited = visited })
        end
        local report = vim.json.encode({ searches = searches, encoding = client.offset_encoding })
        local out = assert(io.open(dir .. '/report.json', 'w'))
        out:write(report)
        out:close()
        vim.lsp.stop_client(client_id)
        vim.wait(30000, function() return vim.lsp.get_client_by_id(client_id) == nil end)
        """#

    /// Emacs eglot (Debian's elpa-eglot on Emacs 28): `passim lsp` registered for text-mode in
    /// `eglot-server-programs`, symbols asked with `xref-find-apropos`'s backend call, each
    /// visited through its xref location as selecting it does. `package-initialize` finds the
    /// Debian package, which `-Q` would otherwise leave out.
    static let emacs = #"""
        (require 'package)
        (setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
        (package-initialize)
        (require 'eglot)
        (defun passim-test-read (file)
          (with-temp-buffer
            (insert-file-contents file)
            (json-parse-buffer :object-type 'plist :array-type 'list :null-object nil)))
        (let* ((dir (getenv "PASSIM_TEST_DIR"))
               (queries (passim-test-read (expand-file-name "queries.json" dir)))
               (searches nil))
          (setq eglot-server-programs
                `((text-mode . (,(getenv "PASSIM_TEST_BINARY") "lsp" "--index" "idx"
                                "--socket" ,(getenv "PASSIM_TEST_SOCKET")))))
          (setq eglot-sync-connect t eglot-connect-timeout 60)
          (find-file (expand-file-name "notes.txt" dir))
          (text-mode)
          (apply #'eglot (eglot--guess-contact))
          (let ((notes (current-buffer)))
            (dolist (query queries)
              (with-current-buffer notes
                (let ((symbols (jsonrpc-request (eglot-current-server) :workspace/symbol `(:query ,query)))
                      (xrefs (xref-backend-apropos 'eglot query))
                      (visited nil))
                  (dolist (xref xrefs)
                    (let ((marker (xref-location-marker (xref-item-location xref))))
                      (with-current-buffer (marker-buffer marker)
                        (save-excursion
                          (goto-char marker)
                          (push (list :file (expand-file-name (buffer-file-name)) :line (line-number-at-pos)
                                      :column (1+ (- (point) (line-beginning-position)))
                                      :rest (buffer-substring-no-properties (point) (line-end-position)))
                                visited)))))
                  (push (list :query query
                              :symbols (vconcat (mapcar (lambda (symbol)
                                                          (list :name (plist-get symbol :name)
                                                                :container (or (plist-get symbol :containerName) "")
                                                                :kind (plist-get symbol :kind)))
                                                        symbols))
                              :visited (vconcat (nreverse visited)))
                        searches))))
            (with-current-buffer notes
              (let ((coding-system-for-write 'utf-8-unix))
                (with-temp-file (expand-file-name "report.json" dir)
                  (insert (json-serialize (list :searches (vconcat (nreverse searches)))))))
              (eglot-shutdown (eglot-current-server)))))
        """#
}
