// N-API errors, one way for every addon: CHECK turns a failed N-API call into
// a JavaScript Error naming the call, throw_errno an errno into an Error whose
// code is the errno's name (EMSGSIZE) and whose errno is its negative, as
// Node's own system errors have. Define ADDON (the addon's name) first.
#ifndef APLUS_NAPI_ERRORS_H
#define APLUS_NAPI_ERRORS_H

#include <stdio.h>
#include <string.h>
#include <node_api.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    if ((call) != napi_ok) {                                               \
      napi_throw_error(env, NULL, ADDON ": N-API call failed: " #call);    \
      return NULL;                                                         \
    }                                                                      \
  } while (0)

static inline napi_value throw_errno(napi_env env, int err, const char *what) {
  char msg[320];
  const char *name = strerrorname_np(err);
  snprintf(msg, sizeof msg, "%s: %s (%s)", what, strerror(err), name ? name : "E?");
  napi_value code, text, error, num;
  napi_create_string_utf8(env, name ? name : "E?", NAPI_AUTO_LENGTH, &code);
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &text);
  napi_create_error(env, code, text, &error);
  napi_create_int32(env, -err, &num);
  napi_set_named_property(env, error, "errno", num);
  napi_throw(env, error);
  return NULL;
}

#endif
