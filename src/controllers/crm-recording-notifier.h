/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-notifier.h"

G_BEGIN_DECLS

#define CRM_TYPE_RECORDING_NOTIFIER (crm_recording_notifier_get_type ())

G_DECLARE_FINAL_TYPE (CrmRecordingNotifier, crm_recording_notifier, CRM, RECORDING_NOTIFIER, GObject)

/* A CrmNotifier that shows nothing and remembers everything: what would
 * have been shown (in order) and which ids were withdrawn.  For tests and
 * for running without a notification service. */
CrmRecordingNotifier *crm_recording_notifier_new            (void);
/* Element type CrmNotification. */
GPtrArray            *crm_recording_notifier_get_shown      (CrmRecordingNotifier *self);
/* Element type utf8 (notification ids). */
GPtrArray            *crm_recording_notifier_get_withdrawn  (CrmRecordingNotifier *self);
void                  crm_recording_notifier_clear          (CrmRecordingNotifier *self);

G_END_DECLS
