package io.mlflow4j.processor.write;

import static io.mlflow4j.processor.write.RuntimeNames.PARAMS;
import static io.mlflow4j.processor.write.RuntimeNames.ROWS;
import static io.mlflow4j.processor.write.RuntimeNames.TENSOR;
import static io.mlflow4j.processor.write.RuntimeNames.TENSOR_ARRAYS;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.mlflow4j.processor.model.InputExampleSource;
import io.mlflow4j.processor.model.ModelDescriptor;
import io.mlflow4j.processor.model.PredictForm;
import io.mlflow4j.processor.model.PredictMethod;
import io.mlflow4j.processor.model.TensorIO;
import io.mlflow4j.processor.model.TensorJava;
import java.util.ArrayList;
import java.util.List;

/** The predict and example methods of a model over tensors: arrays converted by the runtime's TensorArrays. */
final class TensorCode {
    private static final TypeName TENSOR_LIST = ParameterizedTypeName.get(ClassName.get(List.class), TENSOR);

    private TensorCode() {}

    static MethodSpec predict(PredictMethod predict, PredictForm.Tensors form) {
        MethodSpec.Builder method = AdapterWriter.override("predictTensors")
                .returns(TENSOR_LIST)
                .addParameter(TENSOR_LIST, "input")
                .addParameter(PARAMS, "params")
                .addException(Exception.class);
        TensorIO input = form.input();
        Locals locals = new Locals();
        String argument;
        if (input.record().isEmpty()) {
            argument = locals.newName(form.inputName());
            method.addStatement(
                    "$T $N = $L",
                    javaType(input),
                    argument,
                    read(input.tensors().get(0), 0));
        } else {
            List<CodeBlock> arrays = new ArrayList<>();
            for (int i = 0; i < input.tensors().size(); i++) {
                TensorJava t = input.tensors().get(i);
                String local = locals.newName(t.accessor());
                method.addStatement("$T $N = $L", arrayType(t), local, read(t, i));
                arrays.add(CodeBlock.of("$N", local));
            }
            argument = locals.newName(form.inputName());
            method.addStatement(
                    "$T $N = new $T($L)",
                    input.record().get(),
                    argument,
                    input.record().get(),
                    CodeBlock.join(arrays, ", "));
        }
        return method.addStatement(
                        "$T result = $T.notNull(model().$N($N$L), $S)",
                        javaType(form.output()),
                        ROWS,
                        predict.methodName(),
                        argument,
                        AdapterWriter.paramArguments(predict),
                        predict.source())
                .addStatement("return $L", write(form.output(), "result"))
                .build();
    }

    static MethodSpec example(ModelDescriptor model, PredictForm.Tensors form, InputExampleSource source) {
        return AdapterWriter.override("tensorExample")
                .returns(TENSOR_LIST)
                .addStatement("$T example = $L", javaType(form.input()), AdapterWriter.readExample(model, source))
                .addStatement("return $L", write(form.input(), "example"))
                .build();
    }

    private static TypeName javaType(TensorIO io) {
        return io.record().isPresent()
                ? io.record().get()
                : arrayType(io.tensors().get(0));
    }

    private static TypeName arrayType(TensorJava t) {
        TypeName type = switch (t.element()) {
            case "float" -> TypeName.FLOAT;
            case "double" -> TypeName.DOUBLE;
            case "int" -> TypeName.INT;
            case "long" -> TypeName.LONG;
            default -> TypeName.BOOLEAN;
        };
        for (int i = 0; i < t.rank(); i++) {
            type = ArrayTypeName.of(type);
        }
        return type;
    }

    /** The array from enforced tensor {@code index} (in schema order). */
    private static CodeBlock read(TensorJava t, int index) {
        return CodeBlock.of("$T.to$L$L(input.get($L))", TENSOR_ARRAYS, t.helperType(), t.rank(), index);
    }

    /** The tensors of a Java result or example, one per line when there are several. */
    private static CodeBlock write(TensorIO io, String value) {
        List<CodeBlock> tensors = new ArrayList<>();
        for (TensorJava t : io.tensors()) {
            CodeBlock array =
                    io.record().isEmpty() ? CodeBlock.of("$N", value) : CodeBlock.of("$N.$N()", value, t.accessor());
            tensors.add(CodeBlock.of(
                    "$T.from$L($L, $L)",
                    TENSOR_ARRAYS,
                    t.helperType(),
                    t.name() == null ? "null" : CodeBlock.of("$S", t.name()),
                    array));
        }
        return tensors.size() == 1
                ? CodeBlock.of("$T.of($L)", List.class, tensors.get(0))
                : CodeBlock.of("$T.of(\n$L)", List.class, CodeBlock.join(tensors, ",\n"));
    }
}
