/**
 * Vendor quality: how each vendor's route attempts towards each destination went ({@link
 * io.tollgate.core.quality.AttemptOutcome}), counted per window ({@link io.tollgate.core.quality.QualityTally}) into
 * the ratios traders and quality routing read ({@link io.tollgate.core.quality.VendorQuality}: ASR, NER, ACD, PDD).
 */
package io.tollgate.core.quality;
