package io.mlflow4j.processor;

import static io.mlflow4j.processor.RuntimeNames.PARAMS;
import static io.mlflow4j.processor.RuntimeNames.ROWS;
import static io.mlflow4j.processor.RuntimeNames.TABLE;
import static io.mlflow4j.processor.RuntimeNames.TENSOR;
import static io.mlflow4j.processor.RuntimeNames.TENSOR_ARRAYS;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.mlflow4j.processor.ModelDescriptor.InputExampleSource;
import io.mlflow4j.processor.ModelDescriptor.ParamArgument;
import io.mlflow4j.processor.ModelDescriptor.PredictMethod;
import io.mlflow4j.processor.ModelDescriptor.TensorIO;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** The predict and example methods of a model over tensors: arrays converted by the runtime's TensorArrays. */
final class TensorCode {
    private static final TypeName TENSOR_LIST = ParameterizedTypeName.get(ClassName.get(List.class), TENSOR);

    private TensorCode() {}

    static List<MethodSpec> predictMethods(ModelDescriptor model) {
        PredictMethod predict = model.predict();
        MethodSpec columns = MethodSpec.methodBuilder("predict")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TABLE)
                .addParameter(TABLE, "input")
                .addParameter(PARAMS, "params")
                .addStatement("throw new $T($S)", UnsupportedOperationException.class,
                        "Model '" + model.name() + "' takes tensors: call predictTensors.")
                .build();
        CodeBlock.Builder args = CodeBlock.builder().add("$L", read(predict.tensorInput(), "input"));
        for (ParamArgument p : predict.arguments()) {
            if (p != null) {
                args.add(", params.$N($S)", p.getter(), p.name());
            }
        }
        String source = "@Predict method '" + predict.methodName() + "'";
        MethodSpec tensors = MethodSpec.methodBuilder("predictTensors")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TENSOR_LIST)
                .addParameter(TENSOR_LIST, "input")
                .addParameter(PARAMS, "params")
                .addException(Exception.class)
                .addStatement("$T result = $T.notNull(model().$N($L), $S)", javaType(predict.tensorOutput()), ROWS,
                        predict.methodName(), args.build(), source)
                .addStatement("return $L", write(predict.tensorOutput(), "result"))
                .build();
        return List.of(columns, tensors);
    }

    static List<MethodSpec> exampleMethods(ModelDescriptor model) {
        InputExampleSource source = model.inputExample();
        if (source == null) {
            return List.of();
        }
        CodeBlock read = source.method()
                ? CodeBlock.of("$T.$N()", model.modelClass(), source.member())
                : CodeBlock.of("$T.$N", model.modelClass(), source.member());
        return List.of(MethodSpec.methodBuilder("tensorExample")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TENSOR_LIST)
                .addStatement("$T example = $L", javaType(model.predict().tensorInput()), read)
                .addStatement("return $L", write(model.predict().tensorInput(), "example"))
                .build());
    }

    private static TypeName javaType(TensorIO io) {
        if (io.record() != null) {
            return io.record();
        }
        TensorJava t = io.tensors().get(0);
        TypeName type = TypeName.get(primitive(t.element()));
        for (int i = 0; i < t.rank(); i++) {
            type = com.palantir.javapoet.ArrayTypeName.of(type);
        }
        return type;
    }

    private static Class<?> primitive(String element) {
        return switch (element) {
            case "float" -> float.class;
            case "double" -> double.class;
            case "int" -> int.class;
            case "long" -> long.class;
            default -> boolean.class;
        };
    }

    /** The Java argument from the enforced tensors (in schema order). */
    private static CodeBlock read(TensorIO io, String list) {
        List<CodeBlock> arrays = new ArrayList<>();
        for (int i = 0; i < io.tensors().size(); i++) {
            TensorJava t = io.tensors().get(i);
            arrays.add(CodeBlock.of("$T.to$L$L($N.get($L))", TENSOR_ARRAYS, t.helperType(), t.rank(), list, i));
        }
        return io.record() == null ? arrays.get(0) : CodeBlock.of("new $T($L)", io.record(), CodeBlock.join(arrays, ", "));
    }

    /** The tensors of a Java result or example. */
    private static CodeBlock write(TensorIO io, String value) {
        List<CodeBlock> tensors = new ArrayList<>();
        for (TensorJava t : io.tensors()) {
            CodeBlock array = io.record() == null ? CodeBlock.of("$N", value) : CodeBlock.of("$N.$N()", value, t.accessor());
            tensors.add(CodeBlock.of("$T.from$L($L, $L)", TENSOR_ARRAYS, t.helperType(),
                    t.name() == null ? "null" : CodeBlock.of("$S", t.name()), array));
        }
        return CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(tensors, ", "));
    }
}
