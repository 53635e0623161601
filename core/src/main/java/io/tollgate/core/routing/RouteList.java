package io.tollgate.core.routing;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable route list that keeps its size beside the reference to its array, so a lookup that filters
 * nothing reads no further into memory than this object.
 */
final class RouteList extends AbstractList<Route> implements RandomAccess {
    private final Route[] routes;
    private final int size;

    RouteList(Route[] routes) {
        this.routes = routes;
        this.size = routes.length;
    }

    @Override
    public Route get(int index) {
        return routes[Objects.checkIndex(index, size)];
    }

    @Override
    public int size() {
        return size;
    }
}
