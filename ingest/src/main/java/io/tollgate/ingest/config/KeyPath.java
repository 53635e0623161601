package io.tollgate.ingest.config;

/** Key paths as people read them in error messages: {@code vendors[0].trunks[1].capacity}. */
final class KeyPath {
    private KeyPath() {
    }

    static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
