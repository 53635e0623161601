/*
 * tollgate-clickhouse: serve ClickHouse (libchdb.so from the pinned npm package) on loopback.
 *
 * libchdb.so is the ClickHouse engine as a shared library. Its chdb_query_cmdline() takes the same
 * arguments as clickhouse-local; with "SYSTEM START LISTEN HTTP/TCP" and a query that never ends it
 * serves real HTTP and native-protocol clients for as long as the call lasts.
 *
 * Why a C process and not JNA inside a JVM: ClickHouse installs its own signal handlers over the JVM's
 * (a plain JVM crashed with SIGSEGV; it only survives with libjsig.so preloaded), and a ClickHouse fault
 * would take the whole JVM down with it. A separate small process isolates both problems.
 *
 * Usage: tollgate-clickhouse /path/to/libchdb.so [clickhouse-local arguments...]
 * Exit: 0 when the call returned without error, 1 on an error (printed to stderr), 2 on a load failure.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef void *(*query_cmdline_fn)(int argc, char **argv);
typedef const char *(*result_error_fn)(void *result);
typedef void (*destroy_result_fn)(void *result);

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s LIBCHDB.so [clickhouse-local args...]\n", argv[0]);
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "tollgate-clickhouse: cannot load %s: %s\n", argv[1], dlerror());
        return 2;
    }
    query_cmdline_fn query_cmdline = (query_cmdline_fn)dlsym(lib, "chdb_query_cmdline");
    result_error_fn result_error = (result_error_fn)dlsym(lib, "chdb_result_error");
    destroy_result_fn destroy_result = (destroy_result_fn)dlsym(lib, "chdb_destroy_query_result");
    if (query_cmdline == NULL) {
        fprintf(stderr, "tollgate-clickhouse: chdb_query_cmdline not found in %s\n", argv[1]);
        return 2;
    }

    /* argv[1] (the library) becomes argv[0] of ClickHouse: it only uses it as a program name. */
    void *result = query_cmdline(argc - 1, argv + 1);

    int rc = 0;
    const char *error = (result != NULL && result_error != NULL) ? result_error(result) : NULL;
    if (error != NULL && error[0] != '\0') {
        fprintf(stderr, "tollgate-clickhouse: %s\n", error);
        rc = 1;
    }
    if (result != NULL && destroy_result != NULL)
        destroy_result(result);
    fflush(NULL);
    /* _Exit: skip ClickHouse's global destructors, which may race with its still-running background threads. */
    _Exit(rc);
}
