package io.tollgate.sim;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** A distribution of durations (post-dial delays, talk times) for {@link VendorProfile}s. */
public sealed interface Distribution {
    Duration sample(RandomGenerator random);

    static Distribution fixed(Duration value) {
        return new Fixed(value);
    }

    static Distribution uniform(Duration min, Duration max) {
        return new Uniform(min, max);
    }

    static Distribution exponential(Duration mean) {
        return new Exponential(mean);
    }

    /** Log-normal around {@code median}: talk times of real traffic look like this (many short calls, a long tail). */
    static Distribution logNormal(Duration median, double sigma) {
        return new LogNormal(median, sigma);
    }

    record Fixed(Duration value) implements Distribution {
        @Override
        public Duration sample(RandomGenerator random) {
            return value;
        }
    }

    record Uniform(Duration min, Duration max) implements Distribution {
        @Override
        public Duration sample(RandomGenerator random) {
            long span = max.toMillis() - min.toMillis();
            return min.plusMillis(span <= 0 ? 0 : random.nextLong(span + 1));
        }
    }

    record Exponential(Duration mean) implements Distribution {
        @Override
        public Duration sample(RandomGenerator random) {
            return Duration.ofMillis(Math.round(-Math.log(1 - random.nextDouble()) * mean.toMillis()));
        }
    }

    record LogNormal(Duration median, double sigma) implements Distribution {
        @Override
        public Duration sample(RandomGenerator random) {
            return Duration.ofMillis(Math.round(median.toMillis() * Math.exp(sigma * random.nextGaussian())));
        }
    }
}
