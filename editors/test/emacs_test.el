;;; emacs_test.el --- Batch end-to-end test of editors/emacs/factlint.el  -*- lexical-binding: t; -*-

;; A real Emacs, Eglot and markdown-mode against a real `factlint lsp':
;;
;;   FACTLINT_BIN=/path/to/factlint FACTLINT_PROJECT=/tmp/project \
;;     emacs --batch -L editors/emacs -l editors/test/emacs_test.el
;;
;; FACTLINT_PROJECT holds factlint.toml (corpus = ["seeds"]), seeds/ and
;; briefs/wrong-figures.md (a copy of examples/briefs/wrong-figures.md); run.sh makes it.
;; Checks the diagnostic (message and range), the hover, and the "Replace with the
;; source's value" quick fix.  Exits 0 when every check passed, 1 otherwise.

;;; Code:

(require 'cl-lib)
(require 'package)
(package-initialize)                    ; Debian's elpa-* packages: eglot, markdown-mode
(require 'markdown-mode)
(require 'factlint)

(defvar factlint-test-checks 0)
(defvar factlint-test-timeout 60.0)

(defun factlint-test-log (fmt &rest args)
  (princ (format "[emacs %s/eglot %s] %s\n" emacs-version
                 (or (ignore-errors (package-version-join
                                    (package-desc-version (cadr (assq 'eglot package-alist)))))
                     "?")
                 (apply #'format fmt args))
         #'external-debugging-output))

(defun factlint-test-ok (cond what &optional detail)
  (unless cond
    (error "%s%s" what (if detail (concat ": " detail) "")))
  (cl-incf factlint-test-checks)
  (factlint-test-log "ok %d - %s" factlint-test-checks what))

(defun factlint-test-equal (got want what)
  (factlint-test-ok (equal got want) what (format "got %S, want %S" got want)))

(defun factlint-test-contains (haystack needle what)
  (factlint-test-ok (and (stringp haystack) (string-search needle haystack)) what
                    (format "%S not in %S" needle haystack)))

(defun factlint-test-wait (what pred)
  "Run the event loop until PRED is non-nil; fail after `factlint-test-timeout'."
  (let ((start (float-time)))
    (while (and (not (funcall pred))
                (< (- (float-time) start) factlint-test-timeout))
      (accept-process-output nil 0.05)
      ;; Flymake and Eglot work from timers; run them too.
      (sit-for 0.01))
    (factlint-test-ok (funcall pred) what
                      (format "not within %.0f s" factlint-test-timeout))
    (- (float-time) start)))

(defun factlint-test-diags ()
  "The buffer's Flymake diagnostics as (LINE COL END-LINE END-COL TYPE TEXT), sorted."
  (sort
   (mapcar (lambda (d)
             (let ((beg (flymake-diagnostic-beg d))
                   (end (flymake-diagnostic-end d)))
               (list (line-number-at-pos beg)
                     (save-excursion (goto-char beg) (current-column))
                     (line-number-at-pos end)
                     (save-excursion (goto-char end) (current-column))
                     (flymake-diagnostic-type d)
                     (flymake-diagnostic-text d))))
           (flymake-diagnostics))
   (lambda (a b) (or (< (car a) (car b))
                     (and (= (car a) (car b)) (< (cadr a) (cadr b)))))))

(defun factlint-test-run ()
  (let* ((bin (or (getenv "FACTLINT_BIN") (error "FACTLINT_BIN is not set")))
         (project (or (getenv "FACTLINT_PROJECT") (error "FACTLINT_PROJECT is not set")))
         ;; The lines `factlint check' flags FL001 on (editors/test/run.sh computes them).
         (expect-lines (mapcar #'string-to-number
                               (split-string (or (getenv "FACTLINT_EXPECT_FL001")
                                                 (error "FACTLINT_EXPECT_FL001 is not set")))))
         (brief (expand-file-name "briefs/wrong-figures.md" project))
         (line10-msg (concat "factlint [FL001]: brief says 2011; \"Vladimir Putin Seeks Better "
                             "Relationship Between Russia and North Korea\" "
                             "(seeds/000_53df021868668736.txt:7) says 2012")))
    ;; Settings reach the server: FL002 (a hint by default, an `eglot-note') becomes a
    ;; warning. FACTLINT_EMACS_SETTINGS=dir-locals puts them in the project's
    ;; .dir-locals.el (`eglot-workspace-configuration', answered to
    ;; workspace/configuration only), else in `factlint-settings' (also sent as
    ;; initializationOptions).
    (setq factlint-command (list bin "lsp"))
    (if (equal (getenv "FACTLINT_EMACS_SETTINGS") "dir-locals")
        (with-temp-file (expand-file-name ".dir-locals.el" project)
          (prin1 '((markdown-mode
                    . ((eglot-workspace-configuration
                        . (:factlint (:debounce 50 :severity (:FL002 "warning")))))))
                 (current-buffer)))
      (setq factlint-settings '(:debounce 50 :severity (:FL002 "warning"))))
    (find-file brief)
    (factlint-test-equal major-mode 'markdown-mode "the brief opens in markdown-mode")
    (factlint-test-log "settings from %s"
                       (if factlint-settings "factlint-settings" ".dir-locals.el"))
    (factlint-test-equal (project-root (project-current))
                         (file-name-as-directory (expand-file-name project))
                         "the project root is the folder with factlint.toml")
    ;; What `eglot-ensure' does after the next command (there are no commands in batch).
    (apply #'eglot (eglot--guess-contact))
    (factlint-test-wait "Eglot connects and manages the brief"
                        (lambda () (and (eglot-current-server) eglot--managed-mode)))
    (factlint-test-ok (cl-typep (eglot-current-server) 'factlint-eglot-server)
                      "the server is factlint's")

    ;; 1. Diagnostics through Flymake.
    (let ((took (factlint-test-wait "Flymake shows factlint's diagnostics"
                                    (lambda () (assoc 10 (factlint-test-diags))))))
      (factlint-test-log "first diagnostics after %.0f ms" (* 1000 took)))
    (factlint-test-wait (format "all %d FL001 warnings arrive" (length expect-lines))
                        (lambda () (>= (cl-count-if (lambda (x) (string-search "[FL001]" (nth 5 x)))
                                                    (factlint-test-diags))
                                       (length expect-lines))))
    (let* ((before (factlint-test-diags))
           (d (assoc 10 before)))
      (factlint-test-equal (nth 5 d) line10-msg "the FL001 message on line 10")
      (factlint-test-equal (list (nth 0 d) (nth 1 d) (nth 2 d) (nth 3 d)) '(10 28 10 32)
                           "the range is \"2011\" on line 10 (columns 28-32)")
      (factlint-test-equal (nth 4 d) 'eglot-warning "a warning")
      (factlint-test-equal (delete-dups (mapcar (lambda (x) (nth 4 x))
                                                (cl-remove-if-not
                                                 (lambda (x) (string-search "[FL002]" (nth 5 x)))
                                                 before)))
                           '(eglot-warning)
                           "the settings are applied (FL002 shown as a warning)")
      (factlint-test-equal (sort (mapcar #'car (cl-remove-if-not
                                                (lambda (x) (string-search "[FL001]" (nth 5 x)))
                                                before))
                                 #'<)
                           expect-lines
                           "the FL001 warnings are on the lines `factlint check' flags")

      ;; 2. Hover on the figure.
      (goto-char (point-min))
      (forward-line 9)
      (move-to-column 30)
      (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                     (eglot--TextDocumentPositionParams)))
             (contents (plist-get hover :contents))
             (value (plist-get contents :value))
             (shown (eglot--hover-info contents)))
        (factlint-test-equal (plist-get contents :kind) "markdown" "the hover is Markdown")
        (factlint-test-contains value "Bae was arrested in **2012** and sentenced to 15 years of hard labor."
                                "the hover quotes the source sentence with the figure in bold")
        (factlint-test-contains value "Vladimir Putin Seeks Better Relationship Between Russia and North Korea"
                                "the hover names the source's title")
        (factlint-test-contains value "000\\_53df021868668736.txt:7" "the hover gives the path:line")
        (factlint-test-contains shown "Bae was arrested in" "Eglot renders the hover for ElDoc"))

      ;; 3. The quick fix, as `M-x eglot-code-actions' and a choice at the prompt.
      (let* ((offered nil)
             (last-nonmenu-event ?\r)   ; a keyboard event: the prompt, not a popup menu
             (pick "Replace with the source's value (2012)"))
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (_prompt collection &rest _)
                     (setq offered (mapcar #'car collection))
                     pick)))
          (eglot-code-actions (point) nil nil t))
        (factlint-test-log "offered: %s" (mapconcat #'identity offered " | "))
        (factlint-test-ok (member pick offered) "the quick fix is offered")
        (factlint-test-ok (cl-some (lambda (s) (string-prefix-p "Add a citation" s)) offered)
                          "the citation action is offered")
        (factlint-test-ok (cl-some (lambda (s) (string-prefix-p "Ignore on this line" s)) offered)
                          "the suppression action is offered"))
      (factlint-test-equal (buffer-substring-no-properties (line-beginning-position)
                                                           (line-end-position))
                           "Kenneth Bae was arrested in 2012 and sentenced to 15 years of hard labor."
                           "line 10 now says 2012")
      ;; Eglot sends didChange from an idle timer, and batch Emacs is never idle.
      (factlint-test-ok eglot--recent-changes "Eglot has the edit to send")
      (eglot--signal-textDocument/didChange)
      (factlint-test-wait "the diagnostic on line 10 goes away"
                          (lambda () (let ((now (factlint-test-diags)))
                                       (and (not (assoc 10 now))
                                            (= (length now) (1- (length before)))))))
      (dolist (x before)
        (unless (= (car x) 10)
          (factlint-test-ok (member x (factlint-test-diags)) (format "kept: %S" x)))))
    (set-buffer-modified-p nil)
    (eglot-shutdown (eglot-current-server))))

(condition-case err
    (progn
      (factlint-test-run)
      (factlint-test-log "PASS: %d checks" factlint-test-checks)
      (kill-emacs 0))
  (error
   (factlint-test-log "FAIL after %d checks: %s" factlint-test-checks (error-message-string err))
   (kill-emacs 1)))

;;; emacs_test.el ends here
