#pragma once

#include "cairn-formats-text.h"
#include "cairn-format-text-private.h"

G_BEGIN_DECLS

/* What the brat import and export share. */

#define ATTR_FRAGMENT "fragment_of"
#define ATTR_EVENT    "brat_event"
#define ATTR_EQUIV    "brat_equiv"
#define ATTR_ROLES    "brat_roles"
#define ATTR_NOTE     "note"
#define ATTR_NORM     "norm"

static const char *const reserved[] = {
  ATTR_FRAGMENT, ATTR_EVENT, ATTR_EQUIV, ATTR_ROLES, ATTR_NOTE, ATTR_NORM, NULL
};

G_END_DECLS
