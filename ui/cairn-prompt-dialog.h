#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A small question with one line of answer: the annotator's name, an item number. Emits
 * "submitted" with the text when the answer is accepted (Enter or the button), then closes. */
#define CAIRN_TYPE_PROMPT_DIALOG (cairn_prompt_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CairnPromptDialog, cairn_prompt_dialog, CAIRN, PROMPT_DIALOG, GtkWindow)

CairnPromptDialog *cairn_prompt_dialog_new      (GtkWindow  *parent,
                                                 const char *heading,
                                                 const char *body,
                                                 const char *accept_label,
                                                 const char *text);
/* Shown under the entry when an answer is refused; the dialog stays open. */
void               cairn_prompt_dialog_set_error (CairnPromptDialog *self,
                                                  const char        *message);
const char        *cairn_prompt_dialog_get_text  (CairnPromptDialog *self);
/* When TRUE (the first start), there is no Cancel and closing is refused until answered. */
void               cairn_prompt_dialog_set_required (CairnPromptDialog *self,
                                                     gboolean           required);

/* As typing text and pressing Enter would (tests). */
void               cairn_prompt_dialog_submit (CairnPromptDialog *self,
                                               const char        *text);

G_END_DECLS
