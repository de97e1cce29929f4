/// The start-up files `PickerTests` gives each editor in its terminal. Each loads the integration
/// from editors/ the way a user installs it (or registers `passim lsp`) and maps F5 to writing where the cursor is to
/// `$PASSIM_TEST_DIR/jump.json` (shape: `EditorReport.Visit`), so the test learns where a jump
/// landed from a file the editor writes. The socket comes from `$PASSIM_TEST_SOCKET`.
enum PickerScripts {
    /// Vim (also what `passim pick` opens as `$EDITOR`): the plugin, and F5.
    static let vim = #"""
        set nocompatible nomore
        execute 'set runtimepath^=' . fnameescape($PASSIM_TEST_PLUGIN_DIR)
        runtime plugin/passim.vim
        let g:passim_socket = $PASSIM_TEST_SOCKET
        nnoremap <F5> <Cmd>call writefile([json_encode({'file': expand('%:p'), 'line': line('.'),
              \ 'column': col('.'), 'rest': strpart(getline('.'), col('.') - 1)})],
              \ $PASSIM_TEST_DIR . '/jump.json')<CR>
        """#

    /// Neovim: the plugin (socket from $PASSIM_SOCKET), and F5.
    static let neovim =
        #"""
        vim.opt.runtimepath:prepend(os.getenv('PASSIM_TEST_PLUGIN_DIR'))
        vim.cmd('runtime plugin/passim.lua')
        """# + "\n" + neovimF5

    /// Neovim's F5.
    static let neovimF5 = #"""
        vim.keymap.set('n', '<F5>', function()
          local col = vim.fn.col('.')
          local out = assert(io.open(os.getenv('PASSIM_TEST_DIR') .. '/jump.json', 'w'))
          out:write(vim.json.encode({ file = vim.fn.expand('%:p'), line = vim.fn.line('.'), column = col,
            rest = vim.fn.getline('.'):sub(col) }))
          out:close()
        end)
        """#

    /// Neovim with Telescope (`$PASSIM_TEST_TELESCOPE_DIR`, `$PASSIM_TEST_PLENARY_DIR`) and its
    /// `passim` extension, set up as Telescope's README says, and F5.
    static let telescope =
        neovim + "\n" + telescopeSetup + "\n" + "require('telescope').load_extension('passim')"

    /// Telescope (and plenary) on the runtime path, set up as Telescope's README says.
    static let telescopeSetup = #"""
        vim.opt.runtimepath:prepend(os.getenv('PASSIM_TEST_PLENARY_DIR'))
        vim.opt.runtimepath:prepend(os.getenv('PASSIM_TEST_TELESCOPE_DIR'))
        require('telescope').setup({})
        """#

    /// Neovim with Telescope and no Passim plugin: `passim lsp` (`$PASSIM_TEST_BINARY`) started
    /// for text buffers with the lines editors/README.md gives, pointed at `$PASSIM_TEST_SOCKET`,
    /// saying `passim lsp is ready` once initialized; and F5. Columns in UTF-8 both ways:
    /// Neovim 0.7 offers no encoding, so the server would count UTF-16, and Telescope's entries
    /// (`vim.lsp.util.symbols_to_items`, which converts nothing before Neovim 0.11) take the
    /// column as bytes.
    static let telescopeLSP =
        neovimF5 + "\n" + telescopeSetup + "\n"
            + #"""
            vim.api.nvim_create_autocmd('FileType', {
              pattern = { 'text', 'markdown' },
              callback = function(args)
                vim.g.passim_lsp = vim.g.passim_lsp or vim.lsp.start_client({
                  name = 'passim',
                  cmd = { os.getenv('PASSIM_TEST_BINARY'), 'lsp', '--index', 'idx', '--socket', os.getenv('PASSIM_TEST_SOCKET') },
                  capabilities = vim.tbl_deep_extend('force', vim.lsp.protocol.make_client_capabilities(),
                    { general = { positionEncodings = { 'utf-8' } } }),
                  offset_encoding = 'utf-8',
                  on_init = function() vim.schedule(function() vim.notify('passim lsp is ready') end) end,
                })
                vim.lsp.buf_attach_client(args.buf, vim.g.passim_lsp)
              end,
            })
            """#

    /// Emacs: the package, `passim-pick-use-consult` from `$PASSIM_TEST_CONSULT` and with it
    /// fido's vertical list (a completion UI consult fills as answers come, where RET takes the
    /// selected candidate), and F5.
    static let emacs = #"""
        (add-to-list 'load-path (getenv "PASSIM_TEST_PLUGIN_DIR"))
        ;; `-Q' leaves out Debian's packages (consult): `package-initialize' finds them.
        (require 'package)
        (setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
        (package-initialize)
        (require 'passim)
        (setq passim-socket (getenv "PASSIM_TEST_SOCKET"))
        (setq passim-pick-use-consult (equal (getenv "PASSIM_TEST_CONSULT") "1"))
        (when passim-pick-use-consult (fido-vertical-mode 1))
        (global-set-key
         (kbd "<f5>")
         (lambda ()
           (interactive)
           (let ((report (list :file (expand-file-name (buffer-file-name)) :line (line-number-at-pos)
                               :column (1+ (- (point) (line-beginning-position)))
                               :rest (buffer-substring-no-properties (point) (line-end-position))))
                 (coding-system-for-write 'utf-8-unix))
             (with-temp-file (expand-file-name "jump.json" (getenv "PASSIM_TEST_DIR"))
               (insert (json-serialize report))))))
        """#
}
