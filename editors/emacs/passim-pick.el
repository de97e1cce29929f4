;;; passim-pick.el --- Search a Passim index as you type  -*- lexical-binding: t; -*-

;; Package-Requires: ((emacs "28.1"))
;; Keywords: tools, matching

;;; Commentary:

;; `M-x passim-pick' (see passim.el): consult's asynchronous completion when consult is
;; installed, else `completing-read' whose *Completions* list is updated as answers arrive.

;;; Code:

(require 'passim)
(require 'seq)
(require 'subr-x)
(require 'cl-lib)

(declare-function consult--read "ext:consult")
(declare-function consult--async-sink "ext:consult")
(declare-function consult--async-refresh-immediate "ext:consult")
(declare-function consult--async-throttle "ext:consult")
(declare-function consult--async-split "ext:consult")
(declare-function consult--split-nil "ext:consult")
(defvar consult-async-min-input)

(defcustom passim-pick-use-consult t
  "Whether `passim-pick' uses consult when it is installed."
  :type 'boolean
  :group 'passim)

(cl-defstruct (passim-pick--session (:constructor passim-pick--session-create))
  "One `passim-pick' minibuffer: what it searched, what it shows, and how to show it."
  buffer overlay (query "") pending hits (words nil) (status "type to search") update listener)

(defun passim-pick--last-word (query)
  "The word being typed at the end of QUERY, as (BEFORE . WORD), or nil.
Operators and a field before the word are not part of it; a wildcard or
an operator is no word."
  (when (and (not (string-empty-p query)) (string-match-p "[^ \t\n]\\'" query))
    (let* ((token (car (last (split-string query "[ \t\n]+"))))
           (token (replace-regexp-in-string "\\`[-+\"(]+" "" (replace-regexp-in-string "\\`.*:" "" token))))
      (unless (or (string-empty-p token) (string-match-p "[*)]" token)
                  (member token '("AND" "OR" "NOT")) (string-prefix-p "NEAR/" token))
        (cons (substring query 0 (- (length query) (length token))) token)))))

(defun passim-pick--candidate (hit)
  "HIT as a candidate: `Title § Section │ …text around the first match', HIT on it."
  (let* ((passage (plist-get hit :passage))
         (text (plist-get passage :text))
         (highlights (plist-get hit :highlights))
         ;; Offsets are characters: the connection asked for UTF-32 positions.
         (start (if (> (length highlights) 0) (plist-get (elt highlights 0) :start) 0))
         (from (max 0 (- start 30)))
         (section (plist-get passage :section))
         (line (concat (passim--fold (plist-get (plist-get hit :article) :title))
                       (if section (concat " § " (passim--fold section)) "")
                       (if (eq (plist-get hit :stale) t) " [changed since it was indexed]" "")
                       " │ " (if (> from 0) "…" "") (passim--fold (substring text from)))))
    (propertize line 'passim-hit hit)))

(defun passim-pick--request (method params callback)
  "Sends METHOD with PARAMS and returns the request's id.
CALLBACK gets the id, the result and the error."
  (let (id)
    (setq id (car (jsonrpc--async-request-1
                   (passim--connect) method params
                   :success-fn (lambda (result) (funcall callback id result nil))
                   :error-fn (lambda (error) (funcall callback id nil error))
                   :timeout-fn #'ignore :timeout nil)))
    id))

(defun passim-pick--cancel (session)
  "Cancels SESSION's unanswered search on the daemon."
  (when-let ((id (passim-pick--session-pending session)))
    (setf (passim-pick--session-pending session) nil)
    (ignore-errors (jsonrpc-notify (passim--connect) :$/cancelRequest `(:id ,id)))))

(defun passim-pick--show-status (session)
  "Shows SESSION's status and completions in its prompt."
  (when (overlay-buffer (passim-pick--session-overlay session))
    (let ((words (passim-pick--session-words session)))
      (overlay-put (passim-pick--session-overlay session) 'display
                   (concat "Passim "
                           (propertize (concat "[" (passim-pick--session-status session)
                                               (if words (concat " · TAB: " (string-join words ", ")) "")
                                               "]")
                                       'face 'shadow))))))

(defun passim-pick--search (session query)
  "Searches QUERY for SESSION, cancelling its search before.
Also asks for the completions of QUERY's last word."
  (passim-pick--cancel session)
  (setf (passim-pick--session-query session) query)
  (condition-case err
      (let ((word (passim-pick--last-word query)))
        (setf (passim-pick--session-pending session)
              (passim-pick--request
               :search `(:query ,query :limit ,passim-limit)
               (lambda (id result error)
                 ;; A late answer to a replaced search (or its requestCancelled) is not shown.
                 (when (eql id (passim-pick--session-pending session))
                   (setf (passim-pick--session-pending session) nil)
                   (let ((hits (append (plist-get result :hits) nil)))
                     (setf (passim-pick--session-hits session) hits)
                     (setf (passim-pick--session-status session)
                           (if error
                               (concat "passim: " (or (plist-get error :message) "error"))
                             (concat (format "%d of about %d passages for \"%s\""
                                             (length hits) (plist-get result :estimatedTotal) query)
                                     (if-let ((corrected (plist-get result :correctedQuery)))
                                         (format " · showing results for \"%s\"" corrected)
                                       ""))))
                     (passim-pick--show-status session)
                     (funcall (passim-pick--session-update session)
                              (mapcar #'passim-pick--candidate hits)))))))
        (setf (passim-pick--session-words session) nil)
        (when word
          (passim-pick--request
           :suggest `(:prefix ,(cdr word) :limit 5)
           (lambda (_id result _error)
             (when (and result (equal query (passim-pick--session-query session)))
               (setf (passim-pick--session-words session)
                     (mapcar (lambda (c) (plist-get c :term)) (plist-get result :completions)))
               (passim-pick--show-status session)))))
        (setf (passim-pick--session-status session) (format "searching \"%s\"…" query)))
    (error (setf (passim-pick--session-status session) (error-message-string err))))
  (passim-pick--show-status session))

(defvar passim-pick--session nil
  "The session of the `passim-pick' minibuffer, buffer-local there.")

(defun passim-pick--setup (session)
  "Starts SESSION in the current (minibuffer) buffer."
  (setf (passim-pick--session-buffer session) (current-buffer))
  ;; Over the prompt's first word, which the completion UIs leave alone (what they show goes
  ;; after the input, consult's indicator on the prompt's colon).
  (setf (passim-pick--session-overlay session)
        (make-overlay (point-min) (+ (point-min) (length "Passim"))))
  (setq-local passim-pick--session session)
  (let ((listener (lambda (_params)
                    (let ((query (passim-pick--session-query session)))
                      (unless (string-empty-p query) (passim-pick--search session query))))))
    (setf (passim-pick--session-listener session) listener)
    (add-hook 'passim-index-change-functions listener))
  (passim-pick--show-status session))

(defun passim-pick--teardown (session)
  "Ends SESSION: its search is cancelled, it hears no more index changes."
  (passim-pick--cancel session)
  (remove-hook 'passim-index-change-functions (passim-pick--session-listener session))
  (when-let ((overlay (passim-pick--session-overlay session))) (delete-overlay overlay)))

(defun passim-pick-complete-word ()
  "Completes the word being typed with the index's most frequent word for it."
  (interactive)
  (when-let* ((session passim-pick--session)
              (word (passim-pick--last-word (minibuffer-contents-no-properties)))
              (completion (car (passim-pick--session-words session))))
    (delete-region (+ (minibuffer-prompt-end) (length (car word))) (point-max))
    (goto-char (point-max))
    (insert completion " ")))

(defvar passim-pick-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "TAB") #'passim-pick-complete-word)
    map)
  "Keys of the `passim-pick' minibuffer.")

(defun passim-pick--jump (hit)
  "Visits HIT's file at its first matched word (columns are characters)."
  (let* ((location (plist-get hit :location))
         (highlights (plist-get hit :highlights))
         (first (and (> (length highlights) 0) (elt highlights 0))))
    (find-file (plist-get (plist-get hit :article) :path))
    (goto-char (point-min))
    (forward-line (1- (or (plist-get first :line) (plist-get location :startLine))))
    (forward-char (min (1- (or (plist-get first :column) (plist-get location :startColumn)))
                       (- (line-end-position) (point))))
    (when (eq (plist-get hit :stale) t)
      (message "passim: the file changed since it was indexed; this is where the passage was"))))

(defun passim-pick--consult-async (async session)
  "An async function of consult's pipeline searching for SESSION into ASYNC."
  (setf (passim-pick--session-update session)
        (lambda (candidates) (funcall async 'flush) (funcall async candidates)))
  (lambda (action)
    (pcase action
      ('setup (passim-pick--setup session) (funcall async 'setup))
      ((pred stringp)
       (if (string-empty-p action)
           ;; consult's throttle says "" before each debounced input: stop the search.
           (passim-pick--cancel session)
         (passim-pick--search session action))
       nil)
      ('destroy (passim-pick--teardown session) (funcall async 'destroy))
      (_ (funcall async action)))))

(defun passim-pick--consult (session initial)
  "SESSION's picker on consult's asynchronous completion, starting at INITIAL.
Returns the chosen candidate."
  (require 'consult)
  (let ((consult-async-min-input 1))
    (consult--read
     (thread-first (consult--async-sink)
                   (consult--async-refresh-immediate)
                   (passim-pick--consult-async session)
                   (consult--async-throttle 0 passim-debounce)
                   (consult--async-split #'consult--split-nil))
     :prompt "Passim: " :initial initial :sort nil :require-match t
     :category 'passim :keymap passim-pick-map
     :history 'passim-search-history)))

(defun passim-pick--style-try (string _table _pred point)
  "Completion style `passim-pick': the input stays as typed (STRING, POINT)."
  (cons string point))

(defun passim-pick--style-all (_string table pred _point)
  "Completion style `passim-pick': every candidate of TABLE (PRED) matches."
  (all-completions "" table pred))

(add-to-list 'completion-styles-alist
             '(passim-pick passim-pick--style-try passim-pick--style-all
                           "Every hit of the Passim search, in the daemon's order."))

(defun passim-pick--completing-read (session initial)
  "SESSION's picker on `completing-read', starting at INITIAL.
Returns the chosen candidate, or the input when none was chosen."
  (let* ((candidates nil)
         (timer nil)
         (table (lambda (string pred action)
                  (if (eq action 'metadata)
                      '(metadata (category . passim) (display-sort-function . identity)
                                 (cycle-sort-function . identity))
                    (complete-with-action action candidates string pred))))
         (choice nil))
    (setq choice
          (minibuffer-with-setup-hook
              (lambda ()
                (let ((minibuffer (current-buffer)))
                  (setq-local completion-styles '(passim-pick))
                  (use-local-map (make-composed-keymap passim-pick-map (current-local-map)))
                  (setf (passim-pick--session-update session)
                        (lambda (new)
                          (setq candidates new)
                          (when (and (buffer-live-p minibuffer) (active-minibuffer-window)
                                     (eq (window-buffer (active-minibuffer-window)) minibuffer))
                            (with-selected-window (active-minibuffer-window)
                              (let ((inhibit-message t)) (minibuffer-completion-help))))))
                  (passim-pick--setup session)
                  (add-hook 'after-change-functions
                            (lambda (&rest _)
                              (when timer (cancel-timer timer))
                              (setq timer
                                    (run-at-time
                                     passim-debounce nil
                                     (lambda ()
                                       (when (buffer-live-p minibuffer)
                                         (with-current-buffer minibuffer
                                           (let ((query (minibuffer-contents-no-properties)))
                                             (unless (or (string-blank-p query)
                                                         (equal query (passim-pick--session-query session)))
                                               (passim-pick--search session query)))))))))
                            nil t)
                  (unless (string-empty-p (or initial ""))
                    (passim-pick--search session initial))))
            (unwind-protect
                (completing-read "Passim: " table nil nil initial 'passim-search-history)
              (when timer (cancel-timer timer))
              (passim-pick--teardown session))))
    choice))

;;;###autoload
(defun passim-pick (&optional initial)
  "Search the Passim index as you type, starting at INITIAL.
RET jumps to the chosen passage's first matched word."
  (interactive)
  (passim--connect)
  (let* ((session (passim-pick--session-create))
         (choice (if (and passim-pick-use-consult (require 'consult nil t))
                     (passim-pick--consult session initial)
                   (passim-pick--completing-read session initial)))
         (hits (passim-pick--session-hits session))
         ;; A candidate is its hit's line; RET on the input itself takes the first hit.
         (hit (or (and (stringp choice) (get-text-property 0 'passim-hit choice))
                  (seq-find (lambda (hit) (equal (passim-pick--candidate hit) choice)) hits)
                  (car hits))))
    (if hit
        (passim-pick--jump hit)
      (user-error "passim: no passage chosen"))))

(provide 'passim-pick)
;;; passim-pick.el ends here
