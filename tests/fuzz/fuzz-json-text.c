/* libFuzzer target for model/cairn-json-text.h. Whatever the parser accepts must write, read
 * back to an equal tree and write again to the same text; the number reader must agree with
 * g_ascii_strtod to the bit on whatever number the input starts with. */
#include <stdlib.h>
#include <string.h>

#include "model/cairn-json-text.h"
#include "fuzz-log.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_log_init ();
  return 0;
}

static void
check_number (const char *text, size_t size)
{
  CairnJsonNumber number;
  const char *problem = NULL;
  const char *after = size ? cairn_json_text_number (text, text + size, &number, &problem) : NULL;
  g_autofree char *copy = NULL;
  double expected;

  if (size == 0)
    return;
  g_assert (after != NULL || problem != NULL);
  if (after == NULL)
    return;
  g_assert (after > text && after <= text + size);
  copy = g_strndup (text, after - text);
  expected = g_ascii_strtod (copy, NULL);
  g_assert (memcmp (&expected, &number.value, sizeof expected) == 0);
  if (number.is_int)
    g_assert (g_ascii_strtoll (copy, NULL, 10) == number.int_value);
}

static void
check_round_trip (JsonNode *node)
{
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) back = NULL;

  cairn_json_text_append (first, node);
  back = cairn_json_text_parse (first->str, first->len, &error);
  g_assert_no_error (error);
  g_assert (json_node_equal (node, back));
  cairn_json_text_append (second, back);
  g_assert (g_string_equal (first, second));
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  check_number (text, size);
  /* Exactly size bytes, not NUL-terminated: ASan sees any read past the end. */
  node = cairn_json_text_parse (size ? text : "", size, &error);
  if (node == NULL)
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "JSON at byte "));
      return 0;
    }
  g_assert_no_error (error);
  check_round_trip (node);
  return 0;
}
