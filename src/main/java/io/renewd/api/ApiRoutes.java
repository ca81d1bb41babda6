package io.renewd.api;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The routes of the API, read once from its resource classes: which methods a path has, for a 405's {@code Allow}.
 * As in JAX-RS matching, the templates with the most literal characters that match a path are the path's.
 */
@Singleton
public class ApiRoutes {

    private static final List<String> ORDER = List.of("GET", "PUT", "PATCH", "POST", "DELETE");

    private record Route(Pattern pattern, int literals, String method) {
    }

    private final BeanManager beans;
    private volatile List<Route> routes;

    ApiRoutes(BeanManager beans) {
        this.beans = beans;
    }

    /** The methods the API has at {@code path} (its raw path), in a fixed order; empty when no route has the path. */
    public List<String> methodsAt(String path) {
        List<Route> matching = routes().stream().filter(r -> r.pattern().matcher(path).matches()).toList();
        int best = matching.stream().mapToInt(Route::literals).max().orElse(-1);
        Set<String> methods = new LinkedHashSet<>();
        matching.stream().filter(r -> r.literals() == best).map(Route::method)
                .sorted((a, b) -> Integer.compare(rank(a), rank(b))).forEach(methods::add);
        return List.copyOf(methods);
    }

    private static int rank(String method) {
        int i = ORDER.indexOf(method);
        return i < 0 ? ORDER.size() : i;
    }

    private List<Route> routes() {
        List<Route> read = routes;
        if (read == null) {
            read = read();
            routes = read;
        }
        return read;
    }

    private List<Route> read() {
        List<Route> read = new ArrayList<>();
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().map(bean -> bean.getBeanClass())
                .filter(type -> type.isAnnotationPresent(Path.class)).distinct().forEach(resource -> {
                    String base = resource.getAnnotation(Path.class).value();
                    for (Method method : resource.getMethods()) {
                        String http = httpMethod(method);
                        if (http != null) {
                            Path sub = method.getAnnotation(Path.class);
                            read.add(route(join(base, sub == null ? "" : sub.value()), http));
                        }
                    }
                });
        return List.copyOf(read);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        return "/" + strip(base) + (strip(sub).isEmpty() ? "" : "/" + strip(sub));
    }

    private static String strip(String path) {
        String s = path;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** A template such as {@code /vaults/{vault}/certificates/{name}} as a pattern of raw paths (a trailing slash allowed). */
    private static Route route(String template, String method) {
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                regex.append("[^/]+");
                i = end + 1;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                literals++;
                i++;
            }
        }
        return new Route(Pattern.compile(regex + "/?"), literals, method);
    }
}
