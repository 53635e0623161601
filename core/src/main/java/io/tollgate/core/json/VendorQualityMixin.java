package io.tollgate.core.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/**
 * The ratios are written for consumers that route on them (the agents, the console) and ignored on reading: the
 * reader derives them again from the counts, so a value cannot bring in ratios its counts contradict.
 */
@JsonIgnoreProperties(value = {"asr", "ner", "acdS", "pddMs"}, allowGetters = true)
abstract class VendorQualityMixin {

    @JsonProperty("asr")
    abstract BigDecimal asr();

    @JsonProperty("ner")
    abstract BigDecimal ner();

    @JsonProperty("acdS")
    abstract BigDecimal acdS();

    @JsonProperty("pddMs")
    abstract BigDecimal pddMs();
}
