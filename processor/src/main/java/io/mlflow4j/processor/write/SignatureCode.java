package io.mlflow4j.processor.write;

import static io.mlflow4j.processor.write.RuntimeNames.COL_SPEC;
import static io.mlflow4j.processor.write.RuntimeNames.DATA_TYPE;
import static io.mlflow4j.processor.write.RuntimeNames.MODEL_SIGNATURE;
import static io.mlflow4j.processor.write.RuntimeNames.PARAM_SCHEMA;
import static io.mlflow4j.processor.write.RuntimeNames.PARAM_SPEC;
import static io.mlflow4j.processor.write.RuntimeNames.SCHEMA;
import static io.mlflow4j.processor.write.RuntimeNames.TENSOR_SPEC;

import com.palantir.javapoet.CodeBlock;
import io.mlflow4j.processor.model.ColumnComponent;
import io.mlflow4j.processor.model.NestedJava;
import io.mlflow4j.processor.model.Output;
import io.mlflow4j.processor.model.ParamArgument;
import io.mlflow4j.processor.model.PredictForm;
import io.mlflow4j.processor.model.PredictMethod;
import io.mlflow4j.processor.model.TensorIO;
import io.mlflow4j.processor.model.TensorJava;
import java.util.ArrayList;
import java.util.List;

/** The inferred signature, as an expression that builds it with the runtime's schema classes. */
final class SignatureCode {
    private SignatureCode() {}

    static CodeBlock signature(PredictMethod predict) {
        CodeBlock inputs;
        CodeBlock outputs;
        if (predict.form() instanceof PredictForm.Rows rows) {
            inputs = columns(rows.input().columns());
            outputs = outputs(rows.output());
        } else if (predict.form() instanceof PredictForm.Table table) {
            inputs = columns(table.inputs());
            outputs = columns(table.outputs());
        } else {
            PredictForm.Tensors tensors = (PredictForm.Tensors) predict.form();
            inputs = tensors(tensors.input());
            outputs = tensors(tensors.output());
        }
        return CodeBlock.of(
                "new $T(\n$>$>$L,\n$L,\n$L$<$<)", MODEL_SIGNATURE, inputs, outputs, params(predict.params()));
    }

    private static CodeBlock tensors(TensorIO io) {
        List<CodeBlock> specs = new ArrayList<>();
        for (TensorJava t : io.tensors()) {
            specs.add(CodeBlock.of(
                    "new $T($L, $S, $T.of($L))",
                    TENSOR_SPEC,
                    t.name() == null ? "null" : CodeBlock.of("$S", t.name()),
                    t.dtype(),
                    List.class,
                    CodeBlock.join(
                            t.shape().stream().map(d -> CodeBlock.of("$L", d)).toList(), ", ")));
        }
        return CodeBlock.of("$T.ofTensors(\n$>$L$<)", SCHEMA, CodeBlock.join(specs, ",\n"));
    }

    private static CodeBlock columns(List<ColumnComponent> columns) {
        List<CodeBlock> specs = new ArrayList<>();
        for (ColumnComponent c : columns) {
            NestedJava nested = c.type().nestedType();
            if (nested != null) {
                specs.add(CodeBlock.of(
                        "$T.of($L, $S, $L)", COL_SPEC, NestedCode.type(nested), c.columnName(), c.required()));
            } else {
                specs.add(CodeBlock.of(
                        "new $T($T.$L, $S, $L)",
                        COL_SPEC,
                        DATA_TYPE,
                        c.type().mlflow().dataType,
                        c.columnName(),
                        c.required()));
            }
        }
        return CodeBlock.of("$T.of(\n$>$L$<)", SCHEMA, CodeBlock.join(specs, ",\n"));
    }

    private static CodeBlock outputs(Output output) {
        if (output instanceof Output.Columns columns) {
            return columns(columns.record().columns());
        }
        Output.Scalar scalar = (Output.Scalar) output;
        NestedJava nested = scalar.type().nestedType();
        if (nested != null) {
            return CodeBlock.of("$T.of($T.of($L, null, true))", SCHEMA, COL_SPEC, NestedCode.type(nested));
        }
        return CodeBlock.of(
                "$T.of(new $T($T.$L, null, true))",
                SCHEMA,
                COL_SPEC,
                DATA_TYPE,
                scalar.type().mlflow().dataType);
    }

    private static CodeBlock params(List<ParamArgument> arguments) {
        List<CodeBlock> specs = new ArrayList<>();
        for (ParamArgument p : arguments) {
            if (p.list()) {
                List<CodeBlock> items = new ArrayList<>();
                for (Object item : (List<?>) p.defaultValue()) {
                    items.add(literal(item));
                }
                specs.add(CodeBlock.of(
                        "new $T($S, $T.$L, $T.of($L), true)",
                        PARAM_SPEC,
                        p.name(),
                        DATA_TYPE,
                        p.type().dataType,
                        List.class,
                        CodeBlock.join(items, ", ")));
            } else {
                specs.add(CodeBlock.of(
                        "new $T($S, $T.$L, $L)",
                        PARAM_SPEC,
                        p.name(),
                        DATA_TYPE,
                        p.type().dataType,
                        literal(p.defaultValue())));
            }
        }
        return specs.isEmpty()
                ? CodeBlock.of("null")
                : CodeBlock.of("$T.of(\n$>$L$<)", PARAM_SCHEMA, CodeBlock.join(specs, ",\n"));
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
