;;; factlint.el --- The factlint language server in Eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: tools, languages
;; URL: https://github.com/factlint/factlint
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; factlint checks the figures and dates in Markdown briefs against a folder of source
;; documents.  This file makes Eglot start its language server (`factlint lsp') for
;; Markdown buffers: diagnostics through Flymake, hover through ElDoc
;; (`eldoc-doc-buffer'), go to definition (`xref-find-definitions') and quick fixes
;; (`eglot-code-actions').
;;
;; Install `factlint' (`cargo install --path .' in the factlint repository) and
;; markdown-mode, then:
;;
;;   (add-to-list 'load-path "/path/to/factlint/editors/emacs")
;;   (require 'factlint)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)
;;
;; Settings go in `factlint-settings', or per project in a .dir-locals.el:
;;
;;   ((markdown-mode . ((eglot-workspace-configuration
;;                       . (:factlint (:debounce 300 :unverified :json-false))))))
;;
;; Eglot runs one server per buffer, so factlint replaces any other Markdown server
;; (marksman) in `eglot-server-programs'.

;;; Code:

(require 'cl-lib)
(require 'eglot)
(require 'project)

(defgroup factlint nil
  "The factlint language server in Eglot."
  :group 'tools
  :prefix "factlint-")

(defcustom factlint-command '("factlint" "lsp")
  "The command that runs the factlint language server, as a list of strings.
Use an absolute path when `factlint' is not on `exec-path'."
  :type '(repeat string))

(defcustom factlint-modes '(markdown-mode gfm-mode)
  "The major modes whose buffers factlint checks."
  :type '(repeat symbol))

(defcustom factlint-settings nil
  "The server's settings (the `factlint' section), as a plist.
For example:
  (:debounce 300 :unverified :json-false :severity (:FL002 \"off\"))
A project's `eglot-workspace-configuration' with a :factlint section
wins over it."
  :type 'plist)

(defcustom factlint-root-markers '("factlint.toml")
  "Files that mark a project root for factlint.
They apply when no version control root is found."
  :type '(repeat string))

(defclass factlint-eglot-server (eglot-lsp-server) ()
  "An Eglot connection to the factlint language server.")

(cl-defmethod eglot-initialization-options ((_server factlint-eglot-server))
  "The settings, sent again as initializationOptions."
  (if factlint-settings (list :factlint factlint-settings) eglot--{}))

(cl-defmethod eglot-handle-request
  ((_server factlint-eglot-server) (_method (eql workspace/configuration)) &key items)
  "Answer ITEMS; the `factlint' section is `factlint-settings' by default.
A project's `eglot-workspace-configuration' wins."
  (let ((answers (cl-call-next-method)))
    (cl-loop for answer across answers
             for item across (if (vectorp items) items (vconcat items))
             collect (if (and (null answer)
                              (equal (plist-get item :section) "factlint"))
                         factlint-settings
                       answer)
             into out
             finally return (apply #'vector out))))

(defun factlint--contact (&optional _interactive)
  "The Eglot contact for factlint: its class and command."
  (cons 'factlint-eglot-server factlint-command))

(defun factlint-project-find (dir)
  "A project at the nearest folder above DIR with a `factlint-root-markers' file."
  (let ((root (cl-some (lambda (marker) (locate-dominating-file dir marker))
                       factlint-root-markers)))
    (when root
      (cons 'transient (expand-file-name root)))))

;;;###autoload
(defun factlint-eglot-setup ()
  "Register factlint in `eglot-server-programs' for `factlint-modes'."
  (setq eglot-server-programs
        (cons (cons factlint-modes #'factlint--contact)
              (cl-remove-if (lambda (entry)
                              (let ((modes (if (listp (car entry)) (car entry)
                                             (list (car entry)))))
                                (cl-intersection modes factlint-modes)))
                            eglot-server-programs)))
  ;; After version control, so a Git repository stays the root when there is one.
  (add-hook 'project-find-functions #'factlint-project-find 90))

(factlint-eglot-setup)

(provide 'factlint)

;;; factlint.el ends here
