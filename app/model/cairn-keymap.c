#define G_LOG_DOMAIN "cairn-keymap"

#include <glib/gi18n-lib.h>

#include "cairn-annotation.h"
#include "cairn-keymap.h"

#define TOOL(name, key, title) { "canvas.tool::" name, key, CAIRN_KEY_VIEW, N_("Tools"), title, FALSE }
#define LATER(name, key, title) { "canvas.tool::" name, key, CAIRN_KEY_VIEW, N_("Tools"), title, TRUE }
/* The segmentation tools and their keys: a section of their own, so the shortcuts window's
 * columns stay short. */
#define SEG(action, key, title) \
  { action, key, CAIRN_KEY_VIEW, N_("Segmentation"), title, FALSE }
#define SEG_TOOL(name, key, title) SEG ("canvas.tool::" name, key, title)
#define LABEL(n, key) { "canvas.select-label(" #n ")", key, CAIRN_KEY_VIEW, N_("Labels"), NULL, FALSE }

static const CairnKeyBinding defaults[] = {
  TOOL ("select", "v", N_("Select and move")),
  TOOL ("pan", "h", N_("Pan (or hold Space)")),
  TOOL ("box", "r", N_("Box")),
  TOOL ("polygon", "p", N_("Polygon")),
  TOOL ("rbox", "<Shift>r", N_("Rotated box")),
  TOOL ("ellipse", "o", N_("Ellipse")),
  TOOL ("polyline", "l", N_("Polyline")),
  TOOL ("points", "<Shift>p", N_("Points")),
  TOOL ("keypoints", "k", N_("Keypoints")),
  TOOL ("cuboid", "c", N_("Cuboid")),
  TOOL ("ocr", "t", N_("Text box (OCR)")),
  { "tool.finish", "Return KP_Enter", CAIRN_KEY_VIEW, N_("Tools"), N_("Finish the shape"), FALSE },
  { "tool.back", "BackSpace", CAIRN_KEY_VIEW, N_("Tools"), N_("Remove the last vertex"), FALSE },
  { "tool.skip", "period", CAIRN_KEY_VIEW, N_("Tools"), N_("Skip a keypoint (not visible)"),
    FALSE },
  { "tool.cancel", "Escape", CAIRN_KEY_VIEW, N_("Tools"), N_("Cancel the shape, or unselect"),
    FALSE },
  SEG_TOOL ("brush", "b", N_("Brush")),
  SEG_TOOL ("eraser", "e", N_("Eraser")),
  SEG_TOOL ("fill", "g", N_("Fill")),
  SEG_TOOL ("wand", "w", N_("Magic wand")),
  SEG_TOOL ("scissors", "s", N_("Intelligent scissors")),
  SEG_TOOL ("superpixels", "x", N_("Superpixels")),
  SEG ("tool.size(-1)", "bracketleft", N_("Smaller brush or superpixels")),
  SEG ("tool.size(1)", "bracketright", N_("Bigger brush or superpixels")),
  SEG ("tool.compactness(-1)", "braceleft", N_("Less compact superpixels")),
  SEG ("tool.compactness(1)", "braceright", N_("More compact superpixels")),
  SEG ("tool.tip", "<Shift>b", N_("Round or square brush tip")),
  SEG ("tool.finish-mask", "<Shift>Return <Shift>KP_Enter", N_("Finish the outline as a mask")),
  SEG ("canvas.mask-outline", "m", N_("Masks filled or outlined")),
  SEG ("canvas.hide-label-masks", "<Shift>m", N_("Hide or show the current label’s shapes and masks")),
  SEG ("canvas.mask-opacity(-0.1)", "<Control>bracketleft", N_("More transparent masks")),
  SEG ("canvas.mask-opacity(0.1)", "<Control>bracketright", N_("More opaque masks")),
  SEG ("canvas.polygon-to-mask", "<Control>m", N_("Turn the selected polygon into a mask")),
  SEG ("canvas.mask-to-polygon", "<Control><Shift>m", N_("Turn the selected mask into a polygon")),
  SEG ("canvas.semantic-masks", "<Shift>s", N_("Semantic masks (one label per pixel) or instances")),
  { "canvas.delete-selection", "Delete KP_Delete", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Delete the selected shape"), FALSE },
  { "canvas.cycle-selection(1)", "Tab", CAIRN_KEY_VIEW, N_("Editing"), N_("Select the next shape"),
    FALSE },
  { "canvas.cycle-selection(-1)", "<Shift>Tab <Shift>ISO_Left_Tab", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Select the previous shape"), FALSE },
  { "canvas.nudge((-1.0, 0.0))", "Left", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Move the selected shape left by a pixel"), FALSE },
  { "canvas.nudge((1.0, 0.0))", "Right", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Move the selected shape right by a pixel"), FALSE },
  { "canvas.nudge((0.0, -1.0))", "Up", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Move the selected shape up by a pixel"), FALSE },
  { "canvas.nudge((0.0, 1.0))", "Down", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Move the selected shape down by a pixel"), FALSE },
  { "canvas.nudge((-10.0, 0.0))", "<Shift>Left", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Move it left by ten pixels"), FALSE },
  { "canvas.nudge((10.0, 0.0))", "<Shift>Right", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Move it right by ten pixels"), FALSE },
  { "canvas.nudge((0.0, -10.0))", "<Shift>Up", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Move it up by ten pixels"), FALSE },
  { "canvas.nudge((0.0, 10.0))", "<Shift>Down", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Move it down by ten pixels"), FALSE },
  { "canvas.copy", "<Control>c", CAIRN_KEY_VIEW, N_("Editing"), N_("Copy the selected shape"),
    FALSE },
  { "canvas.paste", "<Control>v", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Paste it (here, or on another item)"), FALSE },
  { "canvas.duplicate", "<Control>d", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Duplicate the selected shape"), FALSE },
  { "canvas.arrange(1)", "<Control>Up", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Raise the selected shape a step"), FALSE },
  { "canvas.arrange(-1)", "<Control>Down", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Lower the selected shape a step"), FALSE },
  { "canvas.arrange(2)", "<Control><Shift>Up", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Bring the selected shape to the front"), FALSE },
  { "canvas.arrange(-2)", "<Control><Shift>Down", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Send the selected shape to the back"), FALSE },
  { "canvas.toggle-hidden", "<Shift>h", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Hide the selected shape (none selected: show them all)"), FALSE },
  { "canvas.toggle-locked", "<Control>l", CAIRN_KEY_VIEW, N_("Editing"),
    N_("Lock or unlock the selected shape"), FALSE },
  /* The text pane (its labels, Delete, Tab, Escape and Enter are the ones above). */
  { "text.start-relation", "<Control>r", CAIRN_KEY_VIEW, N_("Text"),
    N_("Start a relation from the selected span"), FALSE },
  { "text.resize-span(('end', true))", "<Alt>Right", CAIRN_KEY_VIEW, N_("Text"),
    N_("Extend the selected span at its end"), FALSE },
  { "text.resize-span(('end', false))", "<Alt>Left", CAIRN_KEY_VIEW, N_("Text"),
    N_("Shrink the selected span at its end"), FALSE },
  { "text.resize-span(('start', true))", "<Alt><Shift>Left", CAIRN_KEY_VIEW, N_("Text"),
    N_("Extend the selected span at its start"), FALSE },
  { "text.resize-span(('start', false))", "<Alt><Shift>Right", CAIRN_KEY_VIEW, N_("Text"),
    N_("Shrink the selected span at its start"), FALSE },
  { "text.find", "<Control>f", CAIRN_KEY_VIEW, N_("Text"), N_("Find in the text"), FALSE },
  { "text.label-all", "<Control>l", CAIRN_KEY_VIEW, N_("Text"),
    N_("Label every match with the current label"), FALSE },
  { "text.snap-words", "<Alt>w", CAIRN_KEY_VIEW, N_("Text"),
    N_("Snap selections to words (eojeol)"), FALSE },
  { "text.edit-target", "F2", CAIRN_KEY_VIEW, N_("Text"),
    N_("Write the translation or summary, and back"), FALSE },
  { "text.move-sentence(1)", "<Alt>Down", CAIRN_KEY_VIEW, N_("Text"),
    N_("Next sentence to translate"), FALSE },
  { "text.move-sentence(-1)", "<Alt>Up", CAIRN_KEY_VIEW, N_("Text"),
    N_("Previous sentence to translate"), FALSE },
  { "win.undo", "<Control>z", CAIRN_KEY_WINDOW, N_("Editing"), N_("Undo"), FALSE },
  { "win.redo", "<Control><Shift>z <Control>y", CAIRN_KEY_WINDOW, N_("Editing"), N_("Redo"),
    FALSE },
  /* The audio pane. Window keys work while typing a transcript (oTranscribe's Tab too); they
   * go on the pane ahead of its text fields (cairn_shortcuts_attach). */
  { "audio.play-pause", "<Control>space Tab", CAIRN_KEY_WINDOW, N_("Audio"),
    N_("Play or pause (also while typing)"), FALSE },
  { "audio.skip(-1)", "<Alt>Left", CAIRN_KEY_WINDOW, N_("Audio"), N_("Skip back"), FALSE },
  { "audio.skip(1)", "<Alt>Right", CAIRN_KEY_WINDOW, N_("Audio"), N_("Skip forward"), FALSE },
  { "audio.replay-segment", "<Control>r", CAIRN_KEY_WINDOW, N_("Audio"),
    N_("Play the current segment again"), FALSE },
  { "audio.speed(-1)", "<Control>bracketleft", CAIRN_KEY_WINDOW, N_("Audio"), N_("Slower"),
    FALSE },
  { "audio.speed(1)", "<Control>bracketright", CAIRN_KEY_WINDOW, N_("Audio"), N_("Faster"),
    FALSE },
  { "audio.split", "<Control>b", CAIRN_KEY_WINDOW, N_("Audio"),
    N_("Split the segment at the play head"), FALSE },
  { "audio.merge", "<Control>j", CAIRN_KEY_WINDOW, N_("Audio"),
    N_("Merge the segment with the next one"), FALSE },
  { "audio.delete-segment", "Delete KP_Delete", CAIRN_KEY_VIEW, N_("Audio"),
    N_("Delete the selected segment"), FALSE },
  { "audio.leave-text", "Escape", CAIRN_KEY_VIEW, N_("Audio"),
    N_("Leave the transcript text for the waveform"), FALSE },
  LABEL (0, "1"), LABEL (1, "2"), LABEL (2, "3"), LABEL (3, "4"), LABEL (4, "5"),
  LABEL (5, "6"), LABEL (6, "7"), LABEL (7, "8"), LABEL (8, "9"), LABEL (9, "0"),
  { "win.next-item", "Page_Down KP_Page_Down", CAIRN_KEY_WINDOW, N_("Items"), N_("Next item"),
    FALSE },
  { "win.previous-item", "Page_Up KP_Page_Up", CAIRN_KEY_WINDOW, N_("Items"),
    N_("Previous item"), FALSE },
  { "win.next-item", "d", CAIRN_KEY_VIEW, N_("Items"), N_("Next item"), FALSE },
  { "win.previous-item", "a", CAIRN_KEY_VIEW, N_("Items"), N_("Previous item"), FALSE },
  { "win.next-unlabelled", "n", CAIRN_KEY_VIEW, N_("Items"), N_("Next unlabelled item"), FALSE },
  { "win.go-to-item", "<Control>g", CAIRN_KEY_WINDOW, N_("Items"), N_("Go to item number"),
    FALSE },
  { "win.mark-done", "<Control>Return <Control>KP_Enter", CAIRN_KEY_WINDOW, N_("Items"),
    N_("Mark the item done and go to the next"), FALSE },
  { "win.first-item", "<Control>Home", CAIRN_KEY_WINDOW, N_("Items"), N_("First item"), FALSE },
  { "win.last-item", "<Control>End", CAIRN_KEY_WINDOW, N_("Items"), N_("Last item"), FALSE },
  { "canvas.show-names", "<Shift>n", CAIRN_KEY_VIEW, N_("View"),
    N_("Show or hide the labels’ names on shapes"), FALSE },
  { "win.zoom-in", "<Control>plus <Control>equal", CAIRN_KEY_WINDOW, N_("View"), N_("Zoom in"),
    FALSE },
  { "win.zoom-out", "<Control>minus", CAIRN_KEY_WINDOW, N_("View"), N_("Zoom out"), FALSE },
  { "win.zoom-fit", "<Control>0", CAIRN_KEY_WINDOW, N_("View"), N_("Fit to window"), FALSE },
  { "win.zoom-original", "<Control>1", CAIRN_KEY_WINDOW, N_("View"), N_("Original size"), FALSE },
  { "win.toggle-sidebar", "F9", CAIRN_KEY_WINDOW, N_("View"), N_("Show the item list"), FALSE },
  { "win.new", "<Control>n", CAIRN_KEY_WINDOW, N_("Project"), N_("New project"), FALSE },
  { "win.open", "<Control>o", CAIRN_KEY_WINDOW, N_("Project"), N_("Open a project"), FALSE },
  { "win.import", "<Control>i", CAIRN_KEY_WINDOW, N_("Project"), N_("Import"), FALSE },
  { "win.export", "<Control>e", CAIRN_KEY_WINDOW, N_("Project"), N_("Export"), FALSE },
  { "win.show-dashboard", "<Control><Shift>d", CAIRN_KEY_WINDOW, N_("Project"),
    N_("Quality dashboard"), FALSE },
  { "win.show-review-queue", "<Control><Shift>r", CAIRN_KEY_WINDOW, N_("Project"),
    N_("Show the review queue"), FALSE },
  { "win.next-in-queue", "<Control><Shift>n", CAIRN_KEY_WINDOW, N_("Items"),
    N_("Next item in my queue"), FALSE },
  { "win.item-history", "<Control><Shift>h", CAIRN_KEY_WINDOW, N_("Items"),
    N_("Show the item's history"), FALSE },
  { "win.flag-item", "<Control><Shift>f", CAIRN_KEY_WINDOW, N_("Items"),
    N_("Flag the item for review"), FALSE },
  { "win.close-project", "<Control>w", CAIRN_KEY_WINDOW, N_("Project"), N_("Close the project"),
    FALSE },
  { "win.show-shortcuts", "<Control>question <Control>slash", CAIRN_KEY_WINDOW, N_("Project"),
    N_("Keyboard shortcuts"), FALSE },
  { "win.show-preferences", "<Control>comma", CAIRN_KEY_WINDOW, N_("Project"),
    N_("Preferences"), FALSE },
  { "app.quit", "<Control>q", CAIRN_KEY_WINDOW, N_("Project"), N_("Quit"), FALSE },
};

const CairnKeyBinding *
cairn_keymap_get_defaults (guint *n_bindings)
{
  *n_bindings = G_N_ELEMENTS (defaults);
  return defaults;
}

const CairnKeyBinding *
cairn_keymap_lookup (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    if (g_str_equal (defaults[i].action, action))
      return &defaults[i];
  return NULL;
}

gboolean
cairn_keymap_check_label_key (const char *key,
                              GError    **error)
{
  g_autofree char *lower = NULL;

  if (key == NULL || *key == '\0')
    return TRUE;
  lower = g_utf8_strdown (key, -1);
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_auto(GStrv) accels = g_strsplit (defaults[i].accels, " ", -1);

      for (guint j = 0; accels[j] != NULL; j++)
        if (g_ascii_strcasecmp (accels[j], lower) == 0)
          {
            g_set_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID,
                         defaults[i].title
                           ? _("The key “%s” is taken by “%s”; choose another")
                           : _("The key “%s” picks a label by its place in the palette; choose "
                               "a letter"),
                         key, defaults[i].title ? _(defaults[i].title) : "");
            return FALSE;
          }
    }
  return TRUE;
}
