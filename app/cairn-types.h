#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CairnAnnotation CairnAnnotation;
typedef struct _CairnItem CairnItem;
typedef struct _CairnLabel CairnLabel;
typedef struct _CairnRle CairnRle;
typedef struct _CairnStore CairnStore;

G_END_DECLS
