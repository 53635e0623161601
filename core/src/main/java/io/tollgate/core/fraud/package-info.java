/** What the fraud rules raise: {@link io.tollgate.core.fraud.FraudAlert}, the value of the fraud-alerts topic. */
package io.tollgate.core.fraud;
