#include <math.h>
#include <string.h>

#include "model/cairn-annotation.h"
#include "model/cairn-json-text.h"

static char *
write_node (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  cairn_json_text_append (out, node);
  return g_string_free (out, FALSE);
}

static char *
rewrite (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = cairn_json_text_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return write_node (node);
}

static void
test_round_trip (void)
{
  const char *same[] = {
    "{}", "[]", "null", "true", "false", "0", "-17", "2.5", "\"\"", "\"text\"",
    "{\"b\":1,\"a\":[true,false,null,\"x\",2.5,-3,{}],\"c\":{\"d\":[[]]}}",
    "[1,[2,[3,[4]]],{\"x\":{\"y\":{}}}]",
    "{\"coco\":{\"area\":56.42,\"bbox\":[1.5,2,3.25,4]}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *text = rewrite (same[i]);
      g_assert_cmpstr (text, ==, same[i]);
    }
  {
    g_autofree char *text = rewrite (" \t\r\n{ \"a\" : [ 1 , 2 ] ,\"b\":\"c\" } \n");
    g_assert_cmpstr (text, ==, "{\"a\":[1,2],\"b\":\"c\"}");
  }
  {
    /* A repeated member keeps its first place and its last value, as JsonParser does. */
    g_autofree char *text = rewrite ("{\"a\":1,\"b\":2,\"a\":3}");
    g_assert_cmpstr (text, ==, "{\"a\":3,\"b\":2}");
  }
}

/* What existing output was compared against: the same text for anything but doubles. */
static void
test_same_as_json_glib (void)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonObject) inner = json_object_new ();
  g_autoptr(JsonArray) a = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *ours = NULL, *theirs = NULL;

  json_object_set_int_member (o, "zeta", 1);
  json_object_set_string_member (o, "alpha", "line\nbreak \"quoted\" back\\slash / é");
  json_object_set_boolean_member (o, "mid", FALSE);
  json_object_set_null_member (o, "nothing");
  json_object_set_int_member (o, "zeta", -9);
  json_array_add_int_element (a, G_MAXINT64);
  json_array_add_int_element (a, G_MININT64);
  json_array_add_string_element (a, "한국어");
  json_object_set_array_member (inner, "list", g_steal_pointer (&a));
  json_object_set_object_member (o, "inner", g_steal_pointer (&inner));
  node = json_node_init_object (json_node_alloc (), o);
  ours = write_node (node);
  theirs = json_to_string (node, FALSE);
  g_assert_cmpstr (ours, ==, theirs);
}

static JsonNode *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = cairn_json_text_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_escapes (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  node = parse_ok ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u00e9\\u20AC\"");
  text = write_node (node);

  g_assert_cmpstr (json_node_get_string (node), ==, "\"\\/\b\f\n\r\t\001\037é€");
  g_assert_cmpstr (text, ==, "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001fé€\"");
}

static void
test_surrogate_pairs (void)
{
  g_autoptr(JsonNode) emoji = parse_ok ("\"a\\ud83d\\ude00b\\uD834\\uDD1E\"");
  g_autofree char *text = write_node (emoji);

  g_assert_cmpstr (json_node_get_string (emoji), ==, "a\xf0\x9f\x98\x80" "b\xf0\x9d\x84\x9e");
  g_assert_cmpstr (text, ==, "\"a\xf0\x9f\x98\x80" "b\xf0\x9d\x84\x9e\"");
}

static void
test_korean (void)
{
  const char *raw = "{\"설명\":\"고양이 두 마리가 소파 위에 있다\",\"라벨\":[\"고양이\",\"소파\"]}";
  g_autoptr(JsonNode) escaped = parse_ok ("\"\\uace0\\uc591\\uc774\"");
  g_autofree char *text = rewrite (raw);

  g_assert_cmpstr (text, ==, raw);
  g_assert_cmpmem (json_node_get_string (escaped), 9, "\xea\xb3\xa0\xec\x96\x91\xec\x9d\xb4", 9);
}

static void
assert_type (const char *text, GType type)
{
  g_autoptr(JsonNode) node = parse_ok (text);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpstr (g_type_name (json_node_get_value_type (node)), ==, g_type_name (type));
}

static void
test_number_types (void)
{
  struct { const char *text; GType type; gint64 int_value; double value; } cases[] = {
    { "0", G_TYPE_INT64, 0, 0 },
    { "-0", G_TYPE_INT64, 0, 0 },
    { "42", G_TYPE_INT64, 42, 0 },
    { "9223372036854775807", G_TYPE_INT64, G_MAXINT64, 0 },
    { "-9223372036854775808", G_TYPE_INT64, G_MININT64, 0 },
    { "9223372036854775808", G_TYPE_DOUBLE, 0, 9223372036854775808.0 },
    { "-9223372036854775809", G_TYPE_DOUBLE, 0, -9223372036854775808.0 },
    { "123456789012345678901234567890", G_TYPE_DOUBLE, 0, 1.2345678901234568e29 },
    { "1.0", G_TYPE_DOUBLE, 0, 1.0 },
    { "1e2", G_TYPE_DOUBLE, 0, 100.0 },
    { "1E+2", G_TYPE_DOUBLE, 0, 100.0 },
    { "-2.5e-3", G_TYPE_DOUBLE, 0, -0.0025 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_ok (cases[i].text);

      assert_type (cases[i].text, cases[i].type);
      if (cases[i].type == G_TYPE_INT64)
        g_assert_cmpint (json_node_get_int (node), ==, cases[i].int_value);
      else
        g_assert_cmpfloat (json_node_get_double (node), ==, cases[i].value);
    }
}

static void
test_doubles (void)
{
  struct { double value; const char *text; } cases[] = {
    { 0.1, "0.1" }, { 1e300, "1e+300" }, { -0.0, "-0.0" }, { 120.0, "120.0" }, { 0.0, "0.0" },
    { 4369.1864000000005, "4369.1864000000005" }, { -56.42, "-56.42" },
    { 5e-324, "4.94065645841247e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 1e22, "1e+22" }, { 9007199254740993.0, "9007199254740992.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_double (json_node_alloc (), cases[i].value);
      g_autofree char *text = write_node (node);
      g_autoptr(JsonNode) back = parse_ok (text);
      double v = json_node_get_double (back);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (g_type_name (json_node_get_value_type (back)), ==, "gdouble");
      g_assert_cmpmem (&v, sizeof v, &cases[i].value, sizeof v);
    }
  {
    g_autoptr(JsonNode) inf = json_node_init_double (json_node_alloc (), INFINITY);
    g_autofree char *text = write_node (inf);
    g_assert_cmpstr (text, ==, "null");
  }
}

static void
test_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) array = cairn_json_text_parse ("[1,2]xyz", 5, &error);
  g_autoptr(JsonNode) number = cairn_json_text_parse ("12345", 2, &error);
  g_autoptr(JsonNode) cut = cairn_json_text_parse ("\"abc\"", 4, &error);

  g_assert_nonnull (array);
  g_assert_cmpint (json_node_get_int (number), ==, 12);
  g_assert_null (cut);
  g_assert_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID);
}

static void
test_invalid_utf8_written (void)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), "a\xff" "b");
  g_autofree char *text = write_node (node);
  g_autoptr(JsonNode) back = parse_ok (text);

  g_assert_cmpstr (json_node_get_string (back), ==, "a\xef\xbf\xbd" "b");
}

static void
test_malformed (void)
{
  struct { const char *text; const char *message; } cases[] = {
    { "", "JSON at byte 0: unexpected end of input" },
    { "   ", "JSON at byte 3: unexpected end of input" },
    { "[1,2", "JSON at byte 4: unexpected end of input" },
    { "{\"a\":", "JSON at byte 5: unexpected end of input" },
    { "\"abc", "JSON at byte 4: unexpected end of input in a string" },
    { "{\"a\":1} x", "JSON at byte 8: unexpected text after the JSON value" },
    { "1 2", "JSON at byte 2: unexpected text after the JSON value" },
    { "\"a\\x\"", "JSON at byte 2: invalid escape in a string" },
    { "\"\\u12\"", "JSON at byte 1: invalid \\u escape" },
    { "\"\\u12g4\"", "JSON at byte 1: invalid \\u escape" },
    { "\"ab\xff\"", "JSON at byte 3: invalid UTF-8 in a string" },
    { "\"\xc3(\"", "JSON at byte 1: invalid UTF-8 in a string" },
    { "\"\xed\xa0\x80\"", "JSON at byte 1: invalid UTF-8 in a string" },
    { "\"a\nb\"", "JSON at byte 2: control character in a string" },
    { "01", "JSON at byte 0: invalid number (leading zero)" },
    { "[-01]", "JSON at byte 1: invalid number (leading zero)" },
    { "\"\\ud800\"", "JSON at byte 1: unpaired surrogate in \\u escape" },
    { "\"\\ud800\\u0041\"", "JSON at byte 1: unpaired surrogate in \\u escape" },
    { "\"\\udc00\"", "JSON at byte 1: unpaired surrogate in \\u escape" },
    { "\"\\u0000\"", "JSON at byte 1: \\u0000 in a string is not supported" },
    { "[1,]", "JSON at byte 3: expected a value" },
    { "[1 2]", "JSON at byte 3: expected ',' or ']'" },
    { "{\"a\" 1}", "JSON at byte 5: expected ':' after a member name" },
    { "{\"a\":1,}", "JSON at byte 7: expected a member name" },
    { "{1:2}", "JSON at byte 1: expected a member name" },
    { "{\"a\":1]", "JSON at byte 6: expected ',' or '}'" },
    { "tru", "JSON at byte 0: invalid literal" },
    { "nul", "JSON at byte 0: invalid literal" },
    { "True", "JSON at byte 0: expected a value" },
    { "-", "JSON at byte 0: invalid number" },
    { "1.", "JSON at byte 0: invalid number" },
    { "1e", "JSON at byte 0: invalid number" },
    { ".5", "JSON at byte 0: expected a value" },
    { "+1", "JSON at byte 0: expected a value" },
    { "1e400", "JSON at byte 0: number out of range" },
    { "-1e400", "JSON at byte 0: number out of range" },
    { "NaN", "JSON at byte 0: expected a value" },
    { "0x10", "JSON at byte 1: unexpected text after the JSON value" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = cairn_json_text_parse (cases[i].text, -1, &error);

      g_assert_null (node);
      g_assert_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static char *
nested (guint depth, const char *inner)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, i % 2 ? "{\"k\":" : "[");
  g_string_append (s, inner);
  for (guint i = depth; i-- > 0;)
    g_string_append (s, i % 2 ? "}" : "]");
  return g_string_free (s, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *deepest = nested (CAIRN_JSON_TEXT_MAX_DEPTH, "1");
  g_autofree char *deeper = nested (CAIRN_JSON_TEXT_MAX_DEPTH + 1, "1");
  g_autofree char *open = g_strnfill (100000, '[');
  g_autoptr(JsonNode) ok = parse_ok (deepest);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) refused = cairn_json_text_parse (deeper, -1, &error);

  g_assert_null (refused);
  g_assert_error (error, CAIRN_MODEL_ERROR, CAIRN_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  g_clear_error (&error);
  g_assert_null (cairn_json_text_parse (open, -1, &error));
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
}

/* The converter must give exactly what g_ascii_strtod gives. */
static void
assert_same_as_strtod (const char *text)
{
  CairnJsonNumber number;
  const char *problem;
  const char *end = text + strlen (text);
  const char *after = cairn_json_text_number (text, end, &number, &problem);
  double expected = g_ascii_strtod (text, NULL);

  if (!isfinite (expected))
    {
      g_assert_null (after);
      g_assert_cmpstr (problem, ==, "number out of range");
      return;
    }
  if (after != end)
    g_error ("%s: not read as a number (%s)", text, problem ? problem : "stopped early");
  if (memcmp (&number.value, &expected, sizeof expected) != 0)
    g_error ("%s: %.17g, g_ascii_strtod gives %.17g", text, number.value, expected);
}

static const char *const edge_numbers[] = {
  "0", "-0", "0.0", "-0.0", "1", "-1", "0.1", "0.2", "0.3", "1e22", "1e23", "-1e22", "1e-22",
  "1e-23", "5e-324", "4.9406564584124654e-324", "2.4703282292062327e-324",
  "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072014e-308",
  "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309",
  "9007199254740991", "9007199254740992", "9007199254740993", "9007199254740993.0",
  "9007199254740992.5", "18014398509481985", "123456789012345678", "1234567890123456789",
  "12345678901234567890", "123456789012345678901234567890", "0.000000000000000000001",
  "0.0000000000000000000000000000001e10", "100000000000000000000000", "1e-400", "1e+0",
  "1E-0", "4369.1864000000005", "56.42", "375.42", "0.1e1", "7.3177701707893310e+15",
  "2.2250738585072012e-308", "1.00000000000000011102230246251565404236316680908203125",
  "1.00000000000000011102230246251565404236316680908203124",
  "1.00000000000000011102230246251565404236316680908203126", "3.0e-5", "8.589973e9",
  "-9223372036854775808", "9223372036854775807", "9223372036854775808",
  "0.00000000000000000000000000000000000000000000000000000000000000000000000000001",
};

static char *
random_number (void)
{
  GString *s = g_string_new (g_test_rand_bit () ? "-" : "");
  guint digits = g_test_rand_int_range (1, 24);
  gint point = g_test_rand_int_range (-1, digits);

  g_string_append_c (s, '0' + g_test_rand_int_range (1, 10));
  for (guint i = 1; i < digits; i++)
    {
      if ((gint) i == point)
        g_string_append_c (s, '.');
      g_string_append_c (s, '0' + g_test_rand_int_range (0, 10));
    }
  if (g_test_rand_int_range (0, 3) == 0)
    g_string_append_printf (s, "e%d", g_test_rand_int_range (-330, 330));
  return g_string_free (s, FALSE);
}

static void
test_number_against_strtod (void)
{
  char buf[512]; /* "%.3f" of 1e308 */
  const char *formats[] = { "%.17g", "%.15g", "%.6g", "%.3f", "%.2f" };

  for (guint i = 0; i < G_N_ELEMENTS (edge_numbers); i++)
    assert_same_as_strtod (edge_numbers[i]);
  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *text = random_number ();
      guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
      double v;

      assert_same_as_strtod (text);
      memcpy (&v, &bits, sizeof v);
      if (!isfinite (v))
        continue;
      g_ascii_formatd (buf, sizeof buf, formats[i % G_N_ELEMENTS (formats)], v);
      assert_same_as_strtod (buf);
      /* Coordinates as the store writes them, then read back. */
      g_ascii_formatd (buf, sizeof buf, "%.2f", g_test_rand_double_range (-5000, 5000));
      assert_same_as_strtod (buf);
    }
}

static void
test_number_grammar (void)
{
  const char *text = "12.5e3,";
  CairnJsonNumber number;
  const char *problem;
  const char *after = cairn_json_text_number (text, text + strlen (text), &number, &problem);

  g_assert_true (after == text + 6);
  g_assert_false (number.is_int);
  g_assert_cmpfloat (number.value, ==, 12500.0);
  /* The end bound is respected: "12" of "123". */
  text = "123";
  after = cairn_json_text_number (text, text + 2, &number, &problem);
  g_assert_true (after == text + 2);
  g_assert_true (number.is_int);
  g_assert_cmpint (number.int_value, ==, 12);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-text/round-trip", test_round_trip);
  g_test_add_func ("/json-text/same-as-json-glib", test_same_as_json_glib);
  g_test_add_func ("/json-text/escapes", test_escapes);
  g_test_add_func ("/json-text/surrogate-pairs", test_surrogate_pairs);
  g_test_add_func ("/json-text/korean", test_korean);
  g_test_add_func ("/json-text/number-types", test_number_types);
  g_test_add_func ("/json-text/doubles", test_doubles);
  g_test_add_func ("/json-text/length", test_length);
  g_test_add_func ("/json-text/invalid-utf8-written", test_invalid_utf8_written);
  g_test_add_func ("/json-text/malformed", test_malformed);
  g_test_add_func ("/json-text/depth", test_depth);
  g_test_add_func ("/json-text/number-grammar", test_number_grammar);
  g_test_add_func ("/json-text/number-against-strtod", test_number_against_strtod);
  return g_test_run ();
}
