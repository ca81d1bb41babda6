package io.renewd.application.certificates;

import java.util.List;
import java.util.Optional;

/** A page of results and, when more follow, the token that continues after it. */
public record Page<T>(List<T> items, Optional<String> continuation) {
}
