/*
 * JNI shim between io.ccpulse.infra.clickhouse.ChdbLibrary and libchdb.so (chDB 26.5.x).
 *
 * libchdb.so ships no header, so the few functions we use are declared here and looked up with
 * dlsym() in a library dlopen()ed by absolute path: this file has no link-time dependency on chDB.
 *
 * chDB installs its own handlers for deadly signals. The JVM relies on SIGSEGV/SIGBUS/SIGILL/SIGFPE
 * for implicit null checks, stack banging and safepoints, so every call into libchdb saves those four
 * handlers and restores them afterwards (the server JVM also runs with libjsig preloaded). The
 * save/call/restore sequence holds one mutex so that concurrent callers cannot interleave it.
 */
#include <jni.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* ---- the chDB C API (26.5.x), declared by hand ---- */

typedef struct chdb_result_ { void * internal_data; } chdb_result;
typedef struct chdb_connection_ { void * internal_data; } * chdb_connection;

static chdb_connection * (*p_connect)(int argc, char ** argv);
static void (*p_close_conn)(chdb_connection * conn);
static chdb_result * (*p_query_n)(chdb_connection conn, const char * query, size_t query_len,
                                  const char * format, size_t format_len);
static chdb_result * (*p_query_with_params_n)(chdb_connection conn, const char * query, size_t query_len,
                                              const char * format, size_t format_len,
                                              const char * const * names, const size_t * name_lens,
                                              const char * const * values, const size_t * value_lens,
                                              size_t count);
static char * (*p_result_buffer)(chdb_result * result);
static size_t (*p_result_length)(chdb_result * result);
static double (*p_result_elapsed)(chdb_result * result);
static uint64_t (*p_result_rows_read)(chdb_result * result);
static uint64_t (*p_result_bytes_read)(chdb_result * result);
static uint64_t (*p_result_rows_written)(chdb_result * result);
static uint64_t (*p_result_bytes_written)(chdb_result * result);
static const char * (*p_result_error)(chdb_result * result);
static void (*p_destroy_query_result)(chdb_result * result);
/* Optional (26.3+): keeps chDB from installing its handlers at all. */
static void (*p_set_signal_handlers_enabled)(int enabled);

/* ---- signal guard ---- */

static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
#define GUARDED_COUNT (sizeof(guarded_signals) / sizeof(guarded_signals[0]))

static pthread_mutex_t guard_mutex = PTHREAD_MUTEX_INITIALIZER;

typedef struct { struct sigaction saved[GUARDED_COUNT]; } signal_guard;

static void guard_enter(signal_guard * guard) {
    pthread_mutex_lock(&guard_mutex);
    for (size_t i = 0; i < GUARDED_COUNT; i++)
        sigaction(guarded_signals[i], NULL, &guard->saved[i]);
}

static void guard_exit(const signal_guard * guard) {
    for (size_t i = 0; i < GUARDED_COUNT; i++)
        sigaction(guarded_signals[i], &guard->saved[i], NULL);
    pthread_mutex_unlock(&guard_mutex);
}

/* ---- helpers ---- */

static void throw_new(JNIEnv * env, const char * class_name, const char * message) {
    jclass cls = (*env)->FindClass(env, class_name);
    if (cls != NULL)
        (*env)->ThrowNew(env, cls, message);
}

static jbyteArray to_byte_array(JNIEnv * env, const char * data, size_t length) {
    jbyteArray array = (*env)->NewByteArray(env, (jsize)length);
    if (array != NULL && length > 0)
        (*env)->SetByteArrayRegion(env, array, 0, (jsize)length, (const jbyte *)data);
    return array;
}

static void * required_symbol(JNIEnv * env, void * handle, const char * name) {
    void * symbol = dlsym(handle, name);
    if (symbol == NULL) {
        char message[512];
        snprintf(message, sizeof message, "libchdb.so does not export %s (not a chDB 26.5.x library?)", name);
        throw_new(env, "java/lang/UnsatisfiedLinkError", message);
    }
    return symbol;
}

/* ---- natives ---- */

JNIEXPORT void JNICALL Java_io_ccpulse_infra_clickhouse_engine_ChdbLibrary_open(JNIEnv * env, jclass cls, jstring path) {
    (void)cls;
    const char * c_path = (*env)->GetStringUTFChars(env, path, NULL);
    if (c_path == NULL)
        return;
    signal_guard guard;
    guard_enter(&guard);
    void * handle = dlopen(c_path, RTLD_NOW | RTLD_GLOBAL);
    guard_exit(&guard);
    (*env)->ReleaseStringUTFChars(env, path, c_path);
    if (handle == NULL) {
        throw_new(env, "java/lang/UnsatisfiedLinkError", dlerror());
        return;
    }
#define LOOKUP(var, name) \
    if ((var = required_symbol(env, handle, name)) == NULL) return;
    LOOKUP(p_connect, "chdb_connect")
    LOOKUP(p_close_conn, "chdb_close_conn")
    LOOKUP(p_query_n, "chdb_query_n")
    LOOKUP(p_query_with_params_n, "chdb_query_with_params_n")
    LOOKUP(p_result_buffer, "chdb_result_buffer")
    LOOKUP(p_result_length, "chdb_result_length")
    LOOKUP(p_result_elapsed, "chdb_result_elapsed")
    LOOKUP(p_result_rows_read, "chdb_result_rows_read")
    LOOKUP(p_result_bytes_read, "chdb_result_bytes_read")
    LOOKUP(p_result_rows_written, "chdb_result_rows_written")
    LOOKUP(p_result_bytes_written, "chdb_result_bytes_written")
    LOOKUP(p_result_error, "chdb_result_error")
    LOOKUP(p_destroy_query_result, "chdb_destroy_query_result")
#undef LOOKUP
    p_set_signal_handlers_enabled = dlsym(handle, "chdb_set_signal_handlers_enabled");
}

/*
 * Returns 0 if nobody holds the flock() that ClickHouse keeps on <path>/status, else the errno
 * (EWOULDBLOCK when another process runs on the path). chdb_connect() only prints that error to
 * stderr and returns NULL, so we look first to be able to say something useful.
 */
JNIEXPORT jint JNICALL Java_io_ccpulse_infra_clickhouse_engine_ChdbLibrary_probeLock(JNIEnv * env, jclass cls, jstring status_file) {
    (void)cls;
    const char * c_path = (*env)->GetStringUTFChars(env, status_file, NULL);
    if (c_path == NULL)
        return -1;
    int result = 0;
    int fd = open(c_path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (flock(fd, LOCK_EX | LOCK_NB) != 0)
            result = errno;
        close(fd); /* also drops our own lock, if we got it */
    }
    (*env)->ReleaseStringUTFChars(env, status_file, c_path);
    return result;
}

/*
 * chdb_connect(args). chdb binds the "default" database's file overlay to the current directory at
 * connect time, so we connect from work_dir (an empty directory) and go back: otherwise a file in the
 * server's cwd named like a table shadows it.
 */
JNIEXPORT jlong JNICALL Java_io_ccpulse_infra_clickhouse_engine_ChdbLibrary_connect(JNIEnv * env, jclass cls, jobjectArray args, jstring work_dir) {
    (void)cls;
    jsize argc = (*env)->GetArrayLength(env, args);
    char ** argv = calloc((size_t)argc + 1, sizeof(char *));
    if (argv == NULL) {
        throw_new(env, "java/lang/OutOfMemoryError", "chdb_connect arguments");
        return 0;
    }
    for (jsize i = 0; i < argc; i++) {
        jstring arg = (jstring)(*env)->GetObjectArrayElement(env, args, i);
        const char * utf = (*env)->GetStringUTFChars(env, arg, NULL);
        argv[i] = utf == NULL ? NULL : strdup(utf);
        if (utf != NULL)
            (*env)->ReleaseStringUTFChars(env, arg, utf);
        (*env)->DeleteLocalRef(env, arg);
    }
    const char * c_work_dir = (*env)->GetStringUTFChars(env, work_dir, NULL);
    char * previous_dir = getcwd(NULL, 0);

    signal_guard guard;
    guard_enter(&guard);
    if (p_set_signal_handlers_enabled != NULL)
        p_set_signal_handlers_enabled(0);
    int changed_dir = c_work_dir != NULL && chdir(c_work_dir) == 0;
    chdb_connection * conn = p_connect((int)argc, argv);
    if (changed_dir && previous_dir != NULL && chdir(previous_dir) != 0) {
        /* The JVM resolves paths against user.dir itself; nothing more to do. */
    }
    guard_exit(&guard);

    free(previous_dir);
    if (c_work_dir != NULL)
        (*env)->ReleaseStringUTFChars(env, work_dir, c_work_dir);
    for (jsize i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
    return (jlong)(intptr_t)conn;
}

JNIEXPORT void JNICALL Java_io_ccpulse_infra_clickhouse_engine_ChdbLibrary_closeConnection(JNIEnv * env, jclass cls, jlong conn) {
    (void)env;
    (void)cls;
    if (conn == 0)
        return;
    signal_guard guard;
    guard_enter(&guard);
    p_close_conn((chdb_connection *)(intptr_t)conn);
    guard_exit(&guard);
}

/*
 * Runs one query; returns the chdb_result pointer (never 0 unless chDB itself returned NULL).
 * names/values may be null (no query parameters); values are ClickHouse's escaped text form.
 */
JNIEXPORT jlong JNICALL Java_io_ccpulse_infra_clickhouse_engine_ChdbLibrary_query(JNIEnv * env, jclass cls, jlong conn,
        jbyteArray query, jbyteArray format, jobjectArray names, jobjectArray values) {
    (void)cls;
    jsize query_len = (*env)->GetArrayLength(env, query);
    jsize format_len = (*env)->GetArrayLength(env, format);
    jsize count = names == NULL ? 0 : (*env)->GetArrayLength(env, names);

    /* Copies, because the call must not run inside a JNI critical region. */
    char * c_query = malloc((size_t)query_len + 1);
    char * c_format = malloc((size_t)format_len + 1);
    const char ** c_names = calloc((size_t)count + 1, sizeof(char *));
    const char ** c_values = calloc((size_t)count + 1, sizeof(char *));
    size_t * name_lens = calloc((size_t)count + 1, sizeof(size_t));
    size_t * value_lens = calloc((size_t)count + 1, sizeof(size_t));
    jlong result = 0;
    if (c_query == NULL || c_format == NULL || c_names == NULL || c_values == NULL || name_lens == NULL || value_lens == NULL) {
        throw_new(env, "java/lang/OutOfMemoryError", "chdb query buffers");
        goto done;
    }
    (*env)->GetByteArrayRegion(env, query, 0, query_len, (jbyte *)c_query);
    c_query[query_len] = 0;
    (*env)->GetByteArrayRegion(env, format, 0, format_len, (jbyte *)c_format);
    c_format[format_len] = 0;
    for (jsize i = 0; i < count; i++) {
        jbyteArray name = (jbyteArray)(*env)->GetObjectArrayElement(env, names, i);
        jbyteArray value = (jbyteArray)(*env)->GetObjectArrayElement(env, values, i);
        name_lens[i] = (size_t)(*env)->GetArrayLength(env, name);
        value_lens[i] = (size_t)(*env)->GetArrayLength(env, value);
        char * n = malloc(name_lens[i] + 1);
        char * v = malloc(value_lens[i] + 1);
        if (n == NULL || v == NULL) {
            free(n);
            free(v);
            throw_new(env, "java/lang/OutOfMemoryError", "chdb query parameters");
            goto done;
        }
        (*env)->GetByteArrayRegion(env, name, 0, (jsize)name_lens[i], (jbyte *)n);
        (*env)->GetByteArrayRegion(env, value, 0, (jsize)value_lens[i], (jbyte *)v);
        n[name_lens[i]] = 0;
        v[value_lens[i]] = 0;
        c_names[i] = n;
        c_values[i] = v;
        (*env)->DeleteLocalRef(env, name);
        (*env)->DeleteLocalRef(env, value);
    }

    chdb_connection connection = *(chdb_connection *)(intptr_t)conn;
    signal_guard guard;
    guard_enter(&guard);
    chdb_result * r = count == 0
            ? p_query_n(connection, c_query, (size_t)query_len, c_format, (size_t)format_len)
            : p_query_with_params_n(connection, c_query, (size_t)query_len, c_format, (size_t)format_len,
                                    c_names, name_lens, c_values, value_lens, (size_t)count);
    guard_exit(&guard);
    result = (jlong)(intptr_t)r;

done:
    if (c_names != NULL)
        for (jsize i = 0; i < count; i++)
            free((void *)c_names[i]);
    if (c_values != NULL)
        for (jsize i = 0; i < count; i++)
            free((void *)c_values[i]);
    free(c_names);
    free(c_values);
    free(name_lens);
    free(value_lens);
    free(c_query);
    free(c_format);
    return result;
}

/* The error text as bytes (chDB's messages may quote arbitrary data), or null if the query succeeded. */
JNIEXPORT jbyteArray JNICALL Java_io_ccpulse_infra_clickhouse_engine_ChdbLibrary_resultError(JNIEnv * env, jclass cls, jlong result) {
    (void)cls;
    signal_guard guard;
    guard_enter(&guard);
    const char * error = p_result_error((chdb_result *)(intptr_t)result);
    guard_exit(&guard);
    return error == NULL ? NULL : to_byte_array(env, error, strlen(error));
}

/* {rows_read, bytes_read, rows_written, bytes_written, elapsed_ns} */
JNIEXPORT jlongArray JNICALL Java_io_ccpulse_infra_clickhouse_engine_ChdbLibrary_resultStats(JNIEnv * env, jclass cls, jlong result) {
    (void)cls;
    chdb_result * r = (chdb_result *)(intptr_t)result;
    jlong stats[5];
    signal_guard guard;
    guard_enter(&guard);
    stats[0] = (jlong)p_result_rows_read(r);
    stats[1] = (jlong)p_result_bytes_read(r);
    stats[2] = (jlong)p_result_rows_written(r);
    stats[3] = (jlong)p_result_bytes_written(r);
    stats[4] = (jlong)(p_result_elapsed(r) * 1e9);
    guard_exit(&guard);
    jlongArray array = (*env)->NewLongArray(env, 5);
    if (array != NULL)
        (*env)->SetLongArrayRegion(env, array, 0, 5, stats);
    return array;
}

/* The output as a direct buffer over chDB's memory: valid until destroyResult. Null when empty. */
JNIEXPORT jobject JNICALL Java_io_ccpulse_infra_clickhouse_engine_ChdbLibrary_resultBuffer(JNIEnv * env, jclass cls, jlong result) {
    (void)cls;
    chdb_result * r = (chdb_result *)(intptr_t)result;
    signal_guard guard;
    guard_enter(&guard);
    char * data = p_result_buffer(r);
    size_t length = p_result_length(r);
    guard_exit(&guard);
    if (data == NULL || length == 0)
        return NULL;
    return (*env)->NewDirectByteBuffer(env, data, (jlong)length);
}

JNIEXPORT void JNICALL Java_io_ccpulse_infra_clickhouse_engine_ChdbLibrary_destroyResult(JNIEnv * env, jclass cls, jlong result) {
    (void)env;
    (void)cls;
    if (result == 0)
        return;
    signal_guard guard;
    guard_enter(&guard);
    p_destroy_query_result((chdb_result *)(intptr_t)result);
    guard_exit(&guard);
}
