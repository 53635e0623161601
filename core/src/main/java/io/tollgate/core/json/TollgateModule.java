package io.tollgate.core.json;

import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.quality.VendorQuality;

import java.time.Instant;

/**
 * The wire forms of the domain types, kept here so that the domain records stay free of Jackson. Register it on
 * any mapper that reads or writes them; {@link WireFormat#newMapper()} also sets the number and null rules.
 */
public final class TollgateModule extends SimpleModule {

    public TollgateModule() {
        super("tollgate");
        addSerializer(Instant.class, new IsoInstant.Writer());
        addDeserializer(Instant.class, new IsoInstant.Reader());
        setMixInAnnotation(CallEvent.class, CallEventMixin.class);
        setMixInAnnotation(Instruction.class, InstructionMixin.class);
        setMixInAnnotation(VendorQuality.class, VendorQualityMixin.class);
    }
}
