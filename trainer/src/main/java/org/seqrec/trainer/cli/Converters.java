package org.seqrec.trainer.cli;

import org.seqrec.encoder.DevicePreference;
import org.seqrec.trainer.data.InputFormat;
import org.seqrec.trainer.eval.EvaluationProtocol;
import picocli.CommandLine.ITypeConverter;

/**
 * Command-line value converters. Each throws IllegalArgumentException with the allowed values,
 * which picocli reports as a usage error (exit code 2) naming the option.
 */
final class Converters {
    private Converters() {}

    static final class FormatConverter implements ITypeConverter<InputFormat> {
        @Override
        public InputFormat convert(String value) {
            return InputFormat.parse(value);
        }
    }

    static final class DeviceConverter implements ITypeConverter<DevicePreference> {
        @Override
        public DevicePreference convert(String value) {
            return DevicePreference.parse(value);
        }
    }

    static final class ProtocolConverter implements ITypeConverter<EvaluationProtocol> {
        @Override
        public EvaluationProtocol convert(String value) {
            return EvaluationProtocol.parse(value);
        }
    }
}
