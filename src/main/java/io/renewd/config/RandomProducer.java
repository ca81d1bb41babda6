package io.renewd.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/** The randomness behind renewd's spreading of work over time (the point picked in a CA's renewal window); tests may replace it. */
@ApplicationScoped
public class RandomProducer {

    @Produces
    @DefaultBean
    @Singleton
    RandomGenerator random() {
        // Thread-safe, and unpredictable: no two replicas or restarts pick the same points.
        return new SecureRandom();
    }
}
