package io.mlflow4j.processor;

import static io.mlflow4j.processor.RuntimeNames.COL_SPEC;
import static io.mlflow4j.processor.RuntimeNames.DATA_TYPE;
import static io.mlflow4j.processor.RuntimeNames.MODEL_SIGNATURE;
import static io.mlflow4j.processor.RuntimeNames.PARAM_SCHEMA;
import static io.mlflow4j.processor.RuntimeNames.PARAM_SPEC;
import static io.mlflow4j.processor.RuntimeNames.SCHEMA;
import static io.mlflow4j.processor.RuntimeNames.TENSOR_SPEC;

import com.palantir.javapoet.CodeBlock;
import io.mlflow4j.processor.ModelDescriptor.ColumnComponent;
import io.mlflow4j.processor.ModelDescriptor.Output;
import io.mlflow4j.processor.ModelDescriptor.ParamArgument;
import io.mlflow4j.processor.ModelDescriptor.PredictMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The inferred signature, as an expression that builds it with the runtime's schema classes. */
final class SignatureCode {
    private SignatureCode() {}

    static CodeBlock signature(PredictMethod predict) {
        if (predict.isTensor()) {
            return CodeBlock.of("new $T(\n$>$>$L,\n$L,\n$L$<$<)", MODEL_SIGNATURE,
                    tensors(predict.tensorInput()), tensors(predict.tensorOutput()), params(predict.arguments()));
        }
        return CodeBlock.of("new $T(\n$>$>$L,\n$L,\n$L$<$<)", MODEL_SIGNATURE,
                columns(predict.input().columns()), outputs(predict.output()), params(predict.arguments()));
    }

    private static CodeBlock tensors(ModelDescriptor.TensorIO io) {
        List<CodeBlock> specs = new ArrayList<>();
        for (TensorJava t : io.tensors()) {
            specs.add(CodeBlock.of("new $T($L, $S, $T.of($L))", TENSOR_SPEC, t.name() == null ? "null" : CodeBlock.of("$S", t.name()),
                    t.dtype(), List.class, CodeBlock.join(t.shape().stream().map(d -> CodeBlock.of("$L", d)).toList(), ", ")));
        }
        return CodeBlock.of("$T.ofTensors(\n$>$L$<)", SCHEMA, CodeBlock.join(specs, ",\n"));
    }

    private static CodeBlock columns(List<ColumnComponent> columns) {
        List<CodeBlock> specs = new ArrayList<>();
        for (ColumnComponent c : columns) {
            NestedJava nested = c.type().nestedType();
            if (nested != null) {
                specs.add(CodeBlock.of("$T.of($L, $S, $L)", COL_SPEC, NestedCode.type(nested), c.columnName(), c.required()));
            } else {
                specs.add(CodeBlock.of("new $T($T.$L, $S, $L)", COL_SPEC, DATA_TYPE, c.type().mlflow().dataType, c.columnName(), c.required()));
            }
        }
        return CodeBlock.of("$T.of(\n$>$L$<)", SCHEMA, CodeBlock.join(specs, ",\n"));
    }

    private static CodeBlock outputs(Output output) {
        if (output.isRecord()) {
            return columns(output.record().columns());
        }
        NestedJava nested = output.scalar().nestedType();
        if (nested != null) {
            return CodeBlock.of("$T.of($T.of($L, null, true))", SCHEMA, COL_SPEC, NestedCode.type(nested));
        }
        return CodeBlock.of("$T.of(new $T($T.$L, null, true))", SCHEMA, COL_SPEC, DATA_TYPE, output.scalar().mlflow().dataType);
    }

    private static CodeBlock params(List<ParamArgument> arguments) {
        List<CodeBlock> specs = new ArrayList<>();
        for (ParamArgument p : arguments.stream().filter(Objects::nonNull).toList()) {
            if (p.list()) {
                List<CodeBlock> items = new ArrayList<>();
                for (Object item : (List<?>) p.defaultValue()) {
                    items.add(literal(item));
                }
                specs.add(CodeBlock.of("new $T($S, $T.$L, $T.of($L), true)", PARAM_SPEC, p.name(), DATA_TYPE, p.type().dataType,
                        List.class, CodeBlock.join(items, ", ")));
            } else {
                specs.add(CodeBlock.of("new $T($S, $T.$L, $L)", PARAM_SPEC, p.name(), DATA_TYPE, p.type().dataType,
                        literal(p.defaultValue())));
            }
        }
        return specs.isEmpty() ? CodeBlock.of("null") : CodeBlock.of("$T.of(\n$>$L$<)", PARAM_SCHEMA, CodeBlock.join(specs, ",\n"));
    }

    static CodeBlock literal(Object value) {
        if (value instanceof String s) {
            return CodeBlock.of("$S", s);
        }
        if (value instanceof Long l) {
            return CodeBlock.of("$LL", l);
        }
        if (value instanceof Float f) {
            return CodeBlock.of("$Lf", Float.toString(f));
        }
        if (value instanceof Double d) {
            return CodeBlock.of("$Ld", Double.toString(d));
        }
        return CodeBlock.of("$L", value);
    }
}
