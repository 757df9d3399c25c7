package io.mlflow4j.processor.validate;

import io.mlflow4j.processor.model.ColumnComponent;
import io.mlflow4j.processor.model.ColumnType;
import io.mlflow4j.processor.model.Output;
import io.mlflow4j.processor.model.ParamArgument;
import io.mlflow4j.processor.model.PredictForm;
import io.mlflow4j.processor.model.PredictForm.Container;
import io.mlflow4j.processor.model.PredictMethod;
import io.mlflow4j.processor.model.RowRecord;
import io.mlflow4j.processor.model.ScalarType;
import io.mlflow4j.processor.model.TensorIO;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The {@code @Predict} method: exactly one, reachable, and in one of the three forms (rows,
 * a {@code Table}, tensors), with {@code @Param}s after its input.
 */
final class PredictValidator {
    private final Problems problems = new Problems();
    private final RecordColumns recordColumns = new RecordColumns(problems);

    /** The method, unless it has a problem (a second {@code @Predict} method leaves the first usable). */
    Report<PredictMethod> validate(TypeElement type, AnnotationMirror modelAnnotation) {
        List<ExecutableElement> predicts = MemberRules.annotatedMethods(type, AnnotationNames.PREDICT);
        if (predicts.isEmpty()) {
            problems.error(type, modelAnnotation, Message.PREDICT_MISSING, type.getSimpleName());
            return problems.report(null);
        }
        ExecutableElement method = predicts.get(0);
        for (ExecutableElement extra : predicts.subList(1, predicts.size())) {
            problems.error(
                    extra,
                    Annotations.find(extra, AnnotationNames.PREDICT).orElseThrow(),
                    Message.PREDICT_DUPLICATE,
                    extra.getSimpleName(),
                    type.getSimpleName(),
                    method.getSimpleName());
        }
        int errorsBefore = problems.errorCount();
        Optional<PredictForm> form = method(method);
        List<ParamArgument> params = method.getParameters().isEmpty() ? List.of() : ParamRules.read(method, problems);
        boolean usable = form.isPresent() && problems.errorCount() == errorsBefore;
        return problems.reportKeeping(
                usable ? new PredictMethod(method.getSimpleName().toString(), form.get(), params) : null);
    }

    private Optional<PredictForm> method(ExecutableElement method) {
        String methodName = method.getSimpleName().toString();
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            problems.error(method, Message.PREDICT_PRIVATE, methodName);
        }
        if (method.getModifiers().contains(Modifier.STATIC)) {
            problems.error(method, Message.PREDICT_STATIC, methodName);
        }
        if (!method.getTypeParameters().isEmpty()) {
            problems.error(method, Message.PREDICT_GENERIC, methodName);
        }
        if (method.getParameters().isEmpty()) {
            problems.error(method, Message.PREDICT_NO_INPUT, methodName);
            return Optional.empty();
        }
        VariableElement inputParam = method.getParameters().get(0);
        TypeMirror inputType = inputParam.asType();
        if (TensorTypes.isTensorLike(inputType) || TensorTypes.isTensorLike(method.getReturnType())) {
            return tensors(method, inputParam);
        }
        if (TypeMapping.qualifiedName(inputType).equals(AnnotationNames.TABLE_TYPE)) {
            return table(method);
        }
        return rows(method, inputParam);
    }

    /** Records of columns: one per call, or a List, array or Stream of them. */
    private Optional<PredictForm> rows(ExecutableElement method, VariableElement inputParam) {
        TypeMirror inputType = inputParam.asType();
        Shape inputShape = Shape.of(inputType);
        Optional<RowRecord> input = Optional.empty();
        Optional<TypeElement> inputRecord = TypeMapping.record(inputShape.element());
        if (inputRecord.isEmpty()
                || Annotations.find(inputParam, AnnotationNames.PARAM).isPresent()) {
            problems.error(
                    inputParam, Message.PREDICT_INPUT, inputParam.getSimpleName(), method.getSimpleName(), inputType);
        } else {
            input = recordColumns.read(inputRecord.get(), inputParam, true);
        }
        Optional<Output> output = output(method, inputShape.container(), inputType);
        if (input.isEmpty() || output.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PredictForm.Rows(inputShape.container(), input.get(), output.get()));
    }

    /** A type as a container of rows: List, array, Stream, or a single row. */
    private record Shape(Container container, TypeMirror element) {
        static Shape of(TypeMirror type) {
            if (type.getKind() == TypeKind.ARRAY && !TypeMapping.isBytes(type)) {
                return new Shape(Container.ARRAY, ((ArrayType) type).getComponentType());
            }
            Optional<TypeMirror> list = TypeMapping.listElement(type);
            if (list.isPresent()) {
                return new Shape(Container.LIST, list.get());
            }
            Optional<TypeMirror> stream = TypeMapping.streamElement(type);
            return stream.map(t -> new Shape(Container.STREAM, t)).orElseGet(() -> new Shape(Container.ROW, type));
        }
    }

    private Optional<Output> output(ExecutableElement method, Container inputContainer, TypeMirror inputType) {
        TypeMirror returnType = method.getReturnType();
        Shape shape = Shape.of(returnType);
        String methodName = method.getSimpleName().toString();
        if (inputContainer == Container.ROW
                && shape.container() != Container.ROW
                && TypeMapping.columnType(returnType).isPresent()) {
            shape = new Shape(Container.ROW, returnType); // one row in, one nested value (a list, an array) out
        }
        if (shape.container() != inputContainer) {
            if (isSupportedResult(shape.element())) {
                problems.error(method, Message.PREDICT_SHAPE, methodName, inputType, returnType);
            } else {
                problems.error(method, Message.PREDICT_RETURN, methodName, returnType);
            }
            return Optional.empty();
        }
        Optional<TypeElement> record = TypeMapping.record(shape.element());
        if (record.isPresent()) {
            return recordColumns.read(record.get(), method, false).map(Output.Columns::new);
        }
        Optional<ColumnType> scalar = TypeMapping.columnType(shape.element());
        if (scalar.isPresent()) {
            return Optional.of(new Output.Scalar(scalar.get()));
        }
        problems.error(method, Message.PREDICT_RETURN, methodName, returnType);
        return Optional.empty();
    }

    private static boolean isSupportedResult(TypeMirror type) {
        return TypeMapping.columnType(type).isPresent()
                || TypeMapping.record(type).isPresent();
    }

    /** The runtime's Table in and out, its columns declared with @TableSchema. */
    private Optional<PredictForm> table(ExecutableElement method) {
        String methodName = method.getSimpleName().toString();
        if (!TypeMapping.qualifiedName(method.getReturnType()).equals(AnnotationNames.TABLE_TYPE)) {
            problems.error(method, Message.TABLE_RETURN, methodName, method.getReturnType());
        }
        Optional<AnnotationMirror> schema = Annotations.find(method, AnnotationNames.TABLE_SCHEMA);
        if (schema.isEmpty()) {
            problems.error(method, Message.TABLE_SCHEMA_MISSING, methodName);
            return Optional.empty();
        }
        Optional<List<ColumnComponent>> inputs = tableColumns(method, schema.get(), "inputs");
        Optional<List<ColumnComponent>> outputs = tableColumns(method, schema.get(), "outputs");
        if (inputs.isEmpty() || outputs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PredictForm.Table(inputs.get(), outputs.get()));
    }

    private Optional<List<ColumnComponent>> tableColumns(
            ExecutableElement method, AnnotationMirror schema, String attribute) {
        Optional<AnnotationValue> value = Annotations.explicitValue(schema, attribute);
        List<ColumnComponent> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean ok = true;
        for (Object item : value.map(v -> (List<?>) v.getValue()).orElse(List.of())) {
            AnnotationMirror column = (AnnotationMirror) ((AnnotationValue) item).getValue();
            String name = Annotations.string(column, "name", "");
            String typeName = Annotations.string(column, "type", "");
            Optional<ScalarType> type = Arrays.stream(ScalarType.values())
                    .filter(t -> t.dataType.equalsIgnoreCase(typeName)
                            || (t == ScalarType.INT && typeName.equals("integer")))
                    .filter(t -> t.ordinal() <= ScalarType.DATETIME.ordinal())
                    .findFirst();
            String problem = name.isEmpty()
                    ? "has no name"
                    : !names.add(name)
                            ? "repeats a name"
                            : type.isEmpty() ? "has the unknown type '" + typeName + "'" : null;
            if (problem != null) {
                problems.error(method, schema, (AnnotationValue) item, Message.TABLE_COLUMN, name, problem);
                ok = false;
                continue;
            }
            columns.add(new ColumnComponent(
                    name,
                    name,
                    ColumnType.of(type.get(), ColumnType.Kind.BOXED, type.get().boxedType()),
                    Annotations.bool(column, "required", true)));
        }
        if (columns.isEmpty() && ok) {
            problems.error(method, schema, value.orElse(null), Message.TABLE_COLUMN, attribute, "lists no column");
            return Optional.empty();
        }
        return ok ? Optional.of(columns) : Optional.empty();
    }

    /** Tensors: arrays (unnamed) or records of arrays (named), in and out. */
    private Optional<PredictForm> tensors(ExecutableElement method, VariableElement inputParam) {
        if (!TensorTypes.isTensorLike(inputParam.asType()) || !TensorTypes.isTensorLike(method.getReturnType())) {
            problems.error(method, Message.TENSOR_MIXED, method.getSimpleName());
            return Optional.empty();
        }
        TensorIO input = new TensorTypes(problems).io(inputParam, inputParam.asType());
        TensorIO output = new TensorTypes(problems).io(method, method.getReturnType());
        if (input == null || output == null) {
            return Optional.empty();
        }
        return Optional.of(new PredictForm.Tensors(inputParam.getSimpleName().toString(), input, output));
    }
}
