;;; passim.el --- Search a Passim index from Emacs  -*- lexical-binding: t; -*-

;; Package-Requires: ((emacs "28.1"))
;; Keywords: tools, matching

;;; Commentary:

;; `M-x passim-search' asks the running `passim serve' daemon and lists the hits in a
;; `grep-mode' buffer, one `path:line:column:text' line per passage at its first matched word;
;; `next-error' (M-g n) and RET visit them.
;;
;; Emacs speaks the daemon's protocol with what it ships: `jsonrpc.el' (built in since Emacs 27)
;; over a Unix socket opened by `make-network-process' with `:family 'local'.
;;
;; `M-x passim-pick' searches as you type and jumps to the chosen passage's first matched word:
;; through consult's asynchronous completion when consult is installed, else through
;; `completing-read' with the *Completions* list updated as answers arrive.  Each change of the
;; input waits `passim-debounce' seconds for the next, then searches; a search still unanswered
;; is cancelled on the daemon ($/cancelRequest) and late answers are dropped.  TAB completes the
;; word being typed with the index's words (`suggest'); the list is searched again when the
;; index changes (`index/didChange').  Candidates show the title, the section heading and a
;; snippet; the prompt says how many passages matched and what TAB completes.
;;
;; Install: put this file and passim-pick.el on `load-path' and `(require 'passim)'.

;;; Code:

(require 'jsonrpc)
(require 'grep)
(require 'seq)
(require 'subr-x)

(defgroup passim nil
  "Search a Passim index through its daemon."
  :group 'tools)

(defcustom passim-socket nil
  "The daemon's socket; nil follows PROTOCOL.md's rules.
Those are: $PASSIM_SOCKET, else $XDG_RUNTIME_DIR/passim/passim.sock, else
/tmp/passim-UID/passim.sock."
  :type '(choice (const :tag "Default" nil) file))

(defcustom passim-limit 50
  "Hits per search (1 to 1000)."
  :type 'integer)

(defcustom passim-timeout 5
  "Seconds a search may take."
  :type 'number)

(defcustom passim-debounce 0.05
  "Seconds `passim-pick' waits after a change of its input before searching."
  :type 'number)

(defvar passim-index-change-functions nil
  "Functions called with the params of each `index/didChange' (a plist).")

(defvar passim--connection nil
  "The open `jsonrpc-process-connection' to the daemon, or nil.")

(defvar passim-search-history nil
  "Queries given to `passim-search'.")

(defun passim-socket-path ()
  "The socket `passim-search' connects to."
  (let ((env (getenv "PASSIM_SOCKET"))
        (runtime (getenv "XDG_RUNTIME_DIR")))
    (cond ((and passim-socket (not (string-empty-p passim-socket)))
           (expand-file-name passim-socket))
          ((and env (not (string-empty-p env))) env)
          ((and runtime (string-prefix-p "/" runtime))
           (concat (directory-file-name runtime) "/passim/passim.sock"))
          (t (format "/tmp/passim-%d/passim.sock" (user-uid))))))

(defun passim--error-message (err)
  "The daemon's message in the `jsonrpc-error' ERR."
  (or (alist-get 'jsonrpc-error-message (cdr err)) (format "%S" err)))

(defun passim--connect ()
  "The open connection to the daemon, connecting when needed."
  (unless (and passim--connection (jsonrpc-running-p passim--connection))
    (let* ((path (passim-socket-path))
           (process
            (condition-case nil
                (make-network-process :name "passim" :family 'local :service path
                                      :coding 'utf-8-emacs-unix :noquery t)
              (error (user-error (concat "passim: no daemon answers on %s; "
                                         "start one with `passim serve' or set `passim-socket'")
                                 path))))
           (connection (make-instance
                        'jsonrpc-process-connection :name "passim" :process process
                        :notification-dispatcher
                        (lambda (_connection method params)
                          (when (eq method 'index/didChange)
                            (run-hook-with-args 'passim-index-change-functions params)))))
           ;; Emacs columns count characters: ask for UTF-32 positions.
           (init (condition-case err
                     (jsonrpc-request connection :initialize
                                      '(:clientInfo (:name "emacs")
                                        :capabilities (:general (:positionEncodings ["utf-32"])
                                                       :notifications (:indexDidChange t)))
                                      :timeout passim-timeout)
                   (jsonrpc-error
                    (jsonrpc-shutdown connection t)
                    (user-error "passim: %s" (passim--error-message err)))))
           (version (plist-get init :protocolVersion)))
      (unless (and (stringp version) (string-prefix-p "1." version))
        (jsonrpc-shutdown connection t)
        (user-error "passim: the daemon on %s speaks protocol %S, this package needs 1.x" path version))
      (setq passim--connection connection)))
  passim--connection)

(defun passim--fold (text)
  "TEXT on one line, whitespace runs as single spaces, like --vimgrep."
  (replace-regexp-in-string
   "\\` \\| \\'" "" (replace-regexp-in-string "[ \t\r\n]+" " " text)))

(defun passim--hit-line (hit)
  "The `path:line:column:text' line for HIT, at its first highlight.
A hit whose file changed since it was indexed (its place is the old one) says so."
  (let* ((location (plist-get hit :location))
         (highlights (plist-get hit :highlights))
         (first (and (> (length highlights) 0) (elt highlights 0))))
    (format "%s:%d:%d:%s%s"
            (plist-get (plist-get hit :article) :path)
            (or (plist-get first :line) (plist-get location :startLine))
            (or (plist-get first :column) (plist-get location :startColumn))
            (if (eq (plist-get hit :stale) t) "[changed since it was indexed] " "")
            (passim--fold (plist-get (plist-get hit :passage) :text)))))

(define-derived-mode passim-results-mode grep-mode "Passim"
  "Passim hits: `grep-mode' whose lines also carry a column, counted in characters."
  (setq-local compilation-error-regexp-alist '(passim))
  (setq-local compilation-error-regexp-alist-alist
              '((passim "^\\([^\n:]+\\):\\([1-9][0-9]*\\):\\([1-9][0-9]*\\):" 1 2 3)))
  (setq-local compilation-error-screen-columns nil)
  (setq-local compilation-first-column 1))

;;;###autoload
(defun passim-search (query)
  "Search the Passim index for QUERY and list the hits in the *passim* buffer."
  (interactive (list (read-string "Passim search: " nil 'passim-search-history)))
  (let* ((result (condition-case err
                     (jsonrpc-request (passim--connect) :search
                                      `(:query ,query :limit ,passim-limit
                                        :deadlineMs ,(round (* 1000 passim-timeout)))
                                      ;; The daemon stops at deadlineMs; wait a little longer for that answer.
                                      :timeout (1+ passim-timeout))
                   (jsonrpc-error (user-error "passim: %s" (passim--error-message err)))))
         (hits (plist-get result :hits))
         (corrected (plist-get result :correctedQuery))
         (buffer (get-buffer-create "*passim*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert (format "Passim search: %s\n" query))
        (when corrected
          (insert (format "No good match; showing results for: %s\n" corrected)))
        (seq-doseq (hit hits)
          (insert (passim--hit-line hit) "\n"))
        (insert (format "\n%d passages (about %d match)\n"
                        (length hits) (plist-get result :estimatedTotal))))
      (passim-results-mode)
      (goto-char (point-min)))
    (display-buffer buffer)
    buffer))

(autoload 'passim-pick "passim-pick" "Search the Passim index as you type and jump to a passage." t)

(provide 'passim)
;;; passim.el ends here
