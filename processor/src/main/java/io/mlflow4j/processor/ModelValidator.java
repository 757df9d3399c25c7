package io.mlflow4j.processor;

import com.palantir.javapoet.ClassName;
import io.mlflow4j.processor.ModelDescriptor.ArtifactField;
import io.mlflow4j.processor.ModelDescriptor.ArtifactKind;
import io.mlflow4j.processor.ModelDescriptor.ColumnComponent;
import io.mlflow4j.processor.ModelDescriptor.Form;
import io.mlflow4j.processor.ModelDescriptor.InputExampleSource;
import io.mlflow4j.processor.ModelDescriptor.Output;
import io.mlflow4j.processor.ModelDescriptor.ParamArgument;
import io.mlflow4j.processor.ModelDescriptor.PredictMethod;
import io.mlflow4j.processor.ModelDescriptor.RowRecord;
import io.mlflow4j.processor.ModelDescriptor.TensorIO;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Validate stage: reads one {@code @MlflowModel} class, reports every problem on the element
 * that has it, and returns the descriptor only when there were none.
 */
final class ModelValidator {
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,255}");
    private static final Pattern ARTIFACT_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern PARAM_NAME = Pattern.compile("[\\w.\\- /]+");

    private final Reporter reporter;

    ModelValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** Whether the class mentions a type that another processor may still generate. */
    static boolean hasUnresolvedTypes(TypeElement type) {
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof ExecutableElement method) {
                if (TypeMapping.isError(method.getReturnType())) {
                    return true;
                }
                for (VariableElement p : method.getParameters()) {
                    if (TypeMapping.isError(p.asType())) {
                        return true;
                    }
                }
            } else if (member instanceof VariableElement field && TypeMapping.isError(field.asType())) {
                return true;
            }
        }
        return false;
    }

    Optional<ModelDescriptor> validate(TypeElement type) {
        int errorsBefore = reporter.errorCount();
        AnnotationMirror annotation = Annotations.find(type, AnnotationNames.MLFLOW_MODEL).orElseThrow();
        if (type.getKind() != ElementKind.CLASS) {
            reporter.error(type, annotation, Message.MODEL_NOT_CLASS, kindName(type.getKind()), type.getSimpleName());
            return Optional.empty();
        }
        checkClass(type, annotation);
        String name = modelName(type, annotation);
        String description = Annotations.string(annotation, "description", "");
        PredictMethod predict = predictMethod(type, annotation);
        List<ArtifactField> artifacts = artifacts(type);
        String load = loadMethod(type);
        InputExampleSource example = inputExample(type, predict);
        if (example != null) {
            example = example.withParams(exampleParams(type, predict));
        }
        if (reporter.errorCount() > errorsBefore || predict == null) {
            return Optional.empty();
        }
        return Optional.of(new ModelDescriptor(ClassName.get(type), name, description, predict, artifacts, load, example));
    }

    private void checkClass(TypeElement type, AnnotationMirror annotation) {
        Element reportOn = type;
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            reporter.error(reportOn, annotation, Message.MODEL_ABSTRACT, type.getSimpleName());
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
            reporter.error(reportOn, annotation, Message.MODEL_INNER_CLASS, type.getSimpleName());
        } else if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            reporter.error(reportOn, annotation, Message.MODEL_INNER_CLASS, type.getSimpleName());
        }
        for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(reportOn, annotation, Message.MODEL_PRIVATE, t.getSimpleName());
                break;
            }
        }
        if (!type.getTypeParameters().isEmpty()) {
            reporter.error(reportOn, annotation, Message.MODEL_GENERIC, type.getSimpleName());
        }
        boolean hasNoArgConstructor = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
        if (!hasNoArgConstructor) {
            reporter.error(reportOn, annotation, Message.MODEL_CONSTRUCTOR, type.getSimpleName());
        }
    }

    private String modelName(TypeElement type, AnnotationMirror annotation) {
        Optional<AnnotationValue> value = Annotations.explicitValue(annotation, "name");
        String name = value.map(v -> String.valueOf(v.getValue())).orElse("");
        if (name.isEmpty()) {
            return kebabCase(type.getSimpleName().toString());
        }
        if (!MODEL_NAME.matcher(name).matches()) {
            reporter.error(type, annotation, value.get(), Message.MODEL_NAME, name);
        }
        return name;
    }

    static String kebabCase(String simpleName) {
        return simpleName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2").toLowerCase();
    }

    // ---- @Predict ----

    private PredictMethod predictMethod(TypeElement type, AnnotationMirror modelAnnotation) {
        List<ExecutableElement> predicts = annotatedMethods(type, AnnotationNames.PREDICT);
        if (predicts.isEmpty()) {
            reporter.error(type, modelAnnotation, Message.PREDICT_MISSING, type.getSimpleName());
            return null;
        }
        ExecutableElement method = predicts.get(0);
        for (ExecutableElement extra : predicts.subList(1, predicts.size())) {
            reporter.error(extra, annotationOn(extra, AnnotationNames.PREDICT), Message.PREDICT_DUPLICATE,
                    extra.getSimpleName(), type.getSimpleName(), method.getSimpleName());
        }
        int errorsBefore = reporter.errorCount();
        String methodName = method.getSimpleName().toString();
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            reporter.error(method, Message.PREDICT_PRIVATE, methodName);
        }
        if (method.getModifiers().contains(Modifier.STATIC)) {
            reporter.error(method, Message.PREDICT_STATIC, methodName);
        }
        if (!method.getTypeParameters().isEmpty()) {
            reporter.error(method, Message.PREDICT_GENERIC, methodName);
        }
        if (method.getParameters().isEmpty()) {
            reporter.error(method, Message.PREDICT_NO_INPUT, methodName);
            return null;
        }
        VariableElement inputParam = method.getParameters().get(0);
        TypeMirror inputType = inputParam.asType();
        if (TensorTypes.isTensorLike(inputType) || TensorTypes.isTensorLike(method.getReturnType())) {
            return tensorPredict(method, inputParam, errorsBefore);
        }
        if (TypeMapping.qualifiedName(inputType).equals(AnnotationNames.TABLE_TYPE)) {
            return tablePredict(method, errorsBefore);
        }
        Shape inputShape = Shape.of(inputType);
        RowRecord input = null;
        Optional<TypeElement> inputRecord = TypeMapping.record(inputShape.element());
        if (inputRecord.isEmpty() || Annotations.find(inputParam, AnnotationNames.PARAM).isPresent()) {
            reporter.error(inputParam, Message.PREDICT_INPUT, inputParam.getSimpleName(), methodName, inputType);
        } else {
            input = rowRecord(inputRecord.get(), inputParam, true);
        }
        Output output = output(method, inputShape.form(), inputType);
        List<ParamArgument> arguments = new ArrayList<>();
        arguments.add(null);
        Map<String, VariableElement> paramNames = new HashMap<>();
        for (VariableElement parameter : method.getParameters().subList(1, method.getParameters().size())) {
            arguments.add(paramArgument(parameter, methodName, paramNames));
        }
        if (reporter.errorCount() > errorsBefore) {
            return null;
        }
        return new PredictMethod(methodName, inputShape.form(), input, output, arguments);
    }

    /** A @Predict method over the runtime's Table, its columns declared with @TableSchema. */
    private PredictMethod tablePredict(ExecutableElement method, int errorsBefore) {
        String methodName = method.getSimpleName().toString();
        if (!TypeMapping.qualifiedName(method.getReturnType()).equals(AnnotationNames.TABLE_TYPE)) {
            reporter.error(method, Message.TABLE_RETURN, methodName, method.getReturnType());
        }
        Optional<AnnotationMirror> schema = Annotations.find(method, AnnotationNames.TABLE_SCHEMA);
        if (schema.isEmpty()) {
            reporter.error(method, Message.TABLE_SCHEMA_MISSING, methodName);
            return null;
        }
        RowRecord inputs = tableColumns(method, schema.get(), "inputs");
        RowRecord outputs = tableColumns(method, schema.get(), "outputs");
        List<ParamArgument> arguments = new ArrayList<>();
        arguments.add(null);
        Map<String, VariableElement> paramNames = new HashMap<>();
        for (VariableElement parameter : method.getParameters().subList(1, method.getParameters().size())) {
            arguments.add(paramArgument(parameter, methodName, paramNames));
        }
        if (reporter.errorCount() > errorsBefore || inputs == null || outputs == null) {
            return null;
        }
        return new PredictMethod(methodName, Form.TABLE, inputs, Output.ofRecord(outputs), arguments);
    }

    private RowRecord tableColumns(ExecutableElement method, AnnotationMirror schema, String attribute) {
        Optional<AnnotationValue> value = Annotations.explicitValue(schema, attribute);
        List<ColumnComponent> columns = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        boolean ok = true;
        for (Object item : value.map(v -> (List<?>) v.getValue()).orElse(List.of())) {
            AnnotationMirror column = (AnnotationMirror) ((AnnotationValue) item).getValue();
            String name = Annotations.string(column, "name", "");
            String typeName = Annotations.string(column, "type", "");
            Optional<ScalarType> type = java.util.Arrays.stream(ScalarType.values())
                    .filter(t -> t.dataType.equalsIgnoreCase(typeName) || (t == ScalarType.INT && typeName.equals("integer")))
                    .filter(t -> t.ordinal() <= ScalarType.DATETIME.ordinal())
                    .findFirst();
            String problem = name.isEmpty() ? "has no name" : !names.add(name) ? "repeats a name"
                    : type.isEmpty() ? "has the unknown type '" + typeName + "'" : null;
            if (problem != null) {
                reporter.error(method, schema, (AnnotationValue) item, Message.TABLE_COLUMN, name, problem);
                ok = false;
                continue;
            }
            columns.add(new ColumnComponent(null, name, ColumnType.of(type.get(), ColumnType.Kind.BOXED, type.get().boxedType()),
                    Annotations.bool(column, "required", true)));
        }
        if (columns.isEmpty() && ok) {
            reporter.error(method, schema, value.orElse(null), Message.TABLE_COLUMN, attribute, "lists no column");
            return null;
        }
        return ok ? new RowRecord(null, columns) : null;
    }

    /** A @Predict method over tensors: arrays (unnamed) or records of arrays (named), in and out. */
    private PredictMethod tensorPredict(ExecutableElement method, VariableElement inputParam, int errorsBefore) {
        String methodName = method.getSimpleName().toString();
        if (!TensorTypes.isTensorLike(inputParam.asType()) || !TensorTypes.isTensorLike(method.getReturnType())) {
            reporter.error(method, Message.TENSOR_MIXED, methodName);
            return null;
        }
        TensorIO input = new TensorTypes(reporter).io(inputParam, inputParam.asType());
        TensorIO output = new TensorTypes(reporter).io(method, method.getReturnType());
        List<ParamArgument> arguments = new ArrayList<>();
        arguments.add(null);
        Map<String, VariableElement> paramNames = new HashMap<>();
        for (VariableElement parameter : method.getParameters().subList(1, method.getParameters().size())) {
            arguments.add(paramArgument(parameter, methodName, paramNames));
        }
        if (reporter.errorCount() > errorsBefore || input == null || output == null) {
            return null;
        }
        return new PredictMethod(methodName, Form.TENSOR, null, null, arguments, input, output);
    }

    /** A type as a container of rows: List, array, Stream, or a single row. */
    private record Shape(Form form, TypeMirror element) {
        static Shape of(TypeMirror type, boolean single) {
            return single ? new Shape(Form.ROW, type) : of(type);
        }

        static Shape of(TypeMirror type) {
            if (type.getKind() == TypeKind.ARRAY && !TypeMapping.isBytes(type)) {
                return new Shape(Form.ARRAY, ((ArrayType) type).getComponentType());
            }
            Optional<TypeMirror> list = TypeMapping.listElement(type);
            if (list.isPresent()) {
                return new Shape(Form.LIST, list.get());
            }
            Optional<TypeMirror> stream = TypeMapping.streamElement(type);
            return stream.map(t -> new Shape(Form.STREAM, t)).orElseGet(() -> new Shape(Form.ROW, type));
        }
    }

    private Output output(ExecutableElement method, Form inputForm, TypeMirror inputType) {
        TypeMirror returnType = method.getReturnType();
        Shape shape = Shape.of(returnType);
        String methodName = method.getSimpleName().toString();
        if (inputForm == Form.ROW && shape.form() != Form.ROW && TypeMapping.columnType(returnType).isPresent()) {
            shape = Shape.of(returnType, true); // one row in, one nested value (a list, an array) out
        }
        if (shape.form() != inputForm) {
            if (isSupportedResult(shape.element())) {
                reporter.error(method, Message.PREDICT_SHAPE, methodName, inputType, returnType);
            } else {
                reporter.error(method, Message.PREDICT_RETURN, methodName, returnType);
            }
            return null;
        }
        Optional<TypeElement> record = TypeMapping.record(shape.element());
        if (record.isPresent()) {
            RowRecord row = rowRecord(record.get(), method, false);
            return row == null ? null : Output.ofRecord(row);
        }
        Optional<ColumnType> scalar = TypeMapping.columnType(shape.element());
        if (scalar.isPresent()) {
            return Output.ofScalar(scalar.get());
        }
        reporter.error(method, Message.PREDICT_RETURN, methodName, returnType);
        return null;
    }

    private static boolean isSupportedResult(TypeMirror type) {
        return TypeMapping.columnType(type).isPresent() || TypeMapping.record(type).isPresent();
    }

    /**
     * Reads a record's components as columns. Problems in a record from this compilation are
     * reported on the component; for a record from a library, on {@code usedAt}.
     */
    private RowRecord rowRecord(TypeElement record, Element usedAt, boolean input) {
        int errorsBefore = reporter.errorCount();
        for (Element e = record; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(usedAt, Message.INPUT_NOT_ACCESSIBLE, "Record " + record.getSimpleName());
                return null;
            }
        }
        List<? extends RecordComponentElement> components = record.getRecordComponents();
        if (components.isEmpty()) {
            reporter.error(usedAt, Message.INPUT_EMPTY_RECORD, record.getSimpleName());
            return null;
        }
        List<ColumnComponent> columns = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (RecordComponentElement component : components) {
            // javac keeps no source position for record components; their fields have the component's.
            Element reportOn = componentField(record, component);
            String componentName = component.getSimpleName().toString();
            Optional<ColumnType> type = TypeMapping.columnType(component.asType());
            if (type.isEmpty()) {
                reporter.error(reportOn, TypeMapping.isDecimal(component.asType()) ? Message.COLUMN_DECIMAL : Message.COLUMN_TYPE,
                        componentName, record.getSimpleName(), component.asType());
                continue;
            }
            Optional<AnnotationMirror> column = Annotations.find(reportOn, AnnotationNames.COLUMN)
                    .or(() -> Annotations.find(component, AnnotationNames.COLUMN));
            String columnName = componentName;
            boolean required = type.get().requiredByDefault();
            if (column.isPresent()) {
                Optional<AnnotationValue> nameValue = Annotations.nameValue(column.get());
                if (nameValue.isPresent()) {
                    columnName = String.valueOf(nameValue.get().getValue());
                    if (columnName.isEmpty()) {
                        reporter.error(reportOn, column.get(), nameValue.get(), Message.COLUMN_NAME, componentName);
                        continue;
                    }
                }
                required = Annotations.bool(column.get(), "required", required);
                if (!required && !type.get().canBeMissing()) {
                    reporter.error(reportOn, column.get(), Annotations.explicitValue(column.get(), "required").get(),
                            Message.COLUMN_OPTIONAL_PRIMITIVE, componentName, record.getSimpleName(),
                            type.get().javaType(), type.get().javaType().box());
                    continue;
                }
            }
            if (input && !required && (type.get().mlflow() == ScalarType.INT || type.get().mlflow() == ScalarType.LONG)) {
                warnOptionalInteger(reportOn, column, columnName, record, type.get());
            }
            String previous = seen.putIfAbsent(columnName, componentName);
            if (previous != null) {
                reporter.error(reportOn, Message.COLUMN_DUPLICATE, columnName, record.getSimpleName(), previous, componentName);
                continue;
            }
            columns.add(new ColumnComponent(componentName, columnName, type.get(), required));
        }
        if (reporter.errorCount() > errorsBefore) {
            return null;
        }
        return new RowRecord(ClassName.get(record), columns);
    }

    /** On {@code required = false} when the annotation says it, else on the component. */
    private void warnOptionalInteger(Element reportOn, Optional<AnnotationMirror> column, String columnName, TypeElement record,
            ColumnType type) {
        String mlflowType = type.mlflow() == ScalarType.INT ? "integer" : "long";
        Optional<AnnotationValue> requiredValue = column.flatMap(c -> Annotations.explicitValue(c, "required"));
        if (requiredValue.isPresent()) {
            reporter.warning(reportOn, column.get(), requiredValue.get(), Message.OPTIONAL_INTEGER, columnName,
                    record.getSimpleName(), mlflowType, type.javaType());
        } else {
            reporter.warning(reportOn, Message.OPTIONAL_INTEGER, columnName, record.getSimpleName(), mlflowType, type.javaType());
        }
    }

    private static Element componentField(TypeElement record, RecordComponentElement component) {
        for (VariableElement field : ElementFilter.fieldsIn(record.getEnclosedElements())) {
            if (field.getSimpleName().equals(component.getSimpleName())) {
                return field;
            }
        }
        return component;
    }

    private ParamArgument paramArgument(VariableElement parameter, String methodName, Map<String, VariableElement> names) {
        Optional<AnnotationMirror> annotation = Annotations.find(parameter, AnnotationNames.PARAM);
        if (annotation.isEmpty()) {
            reporter.error(parameter, Message.PREDICT_EXTRA_PARAMETER, parameter.getSimpleName(), methodName);
            return null;
        }
        AnnotationMirror param = annotation.get();
        Optional<AnnotationValue> nameValue = Annotations.explicitValue(param, "name");
        String name = nameValue.map(v -> String.valueOf(v.getValue())).filter(s -> !s.isEmpty())
                .orElse(parameter.getSimpleName().toString());
        if (!PARAM_NAME.matcher(name).matches() || name.isBlank()) {
            reporter.error(parameter, param, nameValue.orElse(null), Message.PARAM_NAME, name);
            return null;
        }
        if (names.putIfAbsent(name, parameter) != null) {
            reporter.error(parameter, param, nameValue.orElse(null), Message.PARAM_DUPLICATE, name, methodName);
            return null;
        }
        Optional<TypeMapping.ParamType> type = TypeMapping.paramType(parameter.asType());
        if (type.isEmpty()) {
            reporter.error(parameter, Message.PARAM_TYPE, name, parameter.asType());
            return null;
        }
        Optional<AnnotationValue> defaultValue = Annotations.explicitValue(param, "defaultValue");
        String text = defaultValue.map(v -> String.valueOf(v.getValue())).orElse("");
        ScalarType scalar = type.get().type();
        try {
            Object parsed = type.get().list() ? ParamDefaults.parseList(text, scalar) : ParamDefaults.parse(text, scalar);
            return new ParamArgument(name, scalar, type.get().list(), type.get().getter(), parsed);
        } catch (IllegalArgumentException e) {
            reporter.error(parameter, param, defaultValue.orElse(null), Message.PARAM_DEFAULT, text, name,
                    type.get().list() ? "list of " + scalar.javaName : scalar.javaName, e.getMessage());
            return null;
        }
    }

    // ---- @Artifact and @Load ----

    private List<ArtifactField> artifacts(TypeElement type) {
        List<ArtifactField> artifacts = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            Optional<AnnotationMirror> annotation = Annotations.find(field, AnnotationNames.ARTIFACT);
            if (annotation.isEmpty()) {
                continue;
            }
            String fieldName = field.getSimpleName().toString();
            boolean ok = true;
            if (field.getModifiers().contains(Modifier.STATIC)) {
                reporter.error(field, annotation.get(), Message.ARTIFACT_STATIC, fieldName);
                ok = false;
            }
            if (field.getModifiers().contains(Modifier.FINAL)) {
                reporter.error(field, annotation.get(), Message.ARTIFACT_FINAL, fieldName);
                ok = false;
            }
            if (field.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(field, annotation.get(), Message.ARTIFACT_PRIVATE, fieldName);
                ok = false;
            }
            ArtifactKind kind = switch (TypeMapping.qualifiedName(field.asType())) {
                case "java.nio.file.Path" -> ArtifactKind.PATH;
                case "java.io.File" -> ArtifactKind.FILE;
                case "java.lang.String" -> ArtifactKind.STRING;
                default -> null;
            };
            if (kind == null) {
                reporter.error(field, Message.ARTIFACT_TYPE, fieldName, field.asType());
                ok = false;
            }
            Optional<AnnotationValue> nameValue = Annotations.nameValue(annotation.get());
            String name = nameValue.map(v -> String.valueOf(v.getValue())).filter(s -> !s.isEmpty()).orElse(fieldName);
            if (!ARTIFACT_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                reporter.error(field, annotation.get(), nameValue.orElse(null), Message.ARTIFACT_NAME, name);
                ok = false;
            } else {
                String previous = seen.putIfAbsent(name, fieldName);
                if (previous != null) {
                    reporter.error(field, annotation.get(), nameValue.orElse(null), Message.ARTIFACT_DUPLICATE, name, previous, fieldName);
                    ok = false;
                }
            }
            if (ok) {
                artifacts.add(new ArtifactField(name, fieldName, kind));
            }
        }
        return artifacts;
    }

    private String loadMethod(TypeElement type) {
        List<ExecutableElement> loads = annotatedMethods(type, AnnotationNames.LOAD);
        String first = null;
        for (ExecutableElement method : loads) {
            String name = method.getSimpleName().toString();
            AnnotationMirror annotation = annotationOn(method, AnnotationNames.LOAD);
            if (first != null) {
                reporter.error(method, annotation, Message.LOAD_DUPLICATE, name, type.getSimpleName());
                continue;
            }
            first = name;
            if (!method.getParameters().isEmpty()) {
                reporter.error(method, annotation, Message.LOAD_PARAMETERS, name);
            }
            if (method.getModifiers().contains(Modifier.STATIC)) {
                reporter.error(method, annotation, Message.LOAD_STATIC, name);
            }
            if (method.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(method, annotation, Message.LOAD_PRIVATE, name);
            }
        }
        return first;
    }

    // ---- @InputExample ----

    private InputExampleSource inputExample(TypeElement type, PredictMethod predict) {
        InputExampleSource found = null;
        String first = null;
        for (Element member : type.getEnclosedElements()) {
            Optional<AnnotationMirror> annotation = Annotations.find(member, AnnotationNames.INPUT_EXAMPLE);
            if (annotation.isEmpty()) {
                continue;
            }
            String name = member.getSimpleName().toString();
            if (first != null) {
                reporter.error(member, annotation.get(), Message.INPUT_EXAMPLE_DUPLICATE, name, type.getSimpleName());
                continue;
            }
            first = name;
            boolean ok = true;
            if (!member.getModifiers().contains(Modifier.STATIC)) {
                reporter.error(member, annotation.get(), Message.INPUT_EXAMPLE_NOT_STATIC, name);
                ok = false;
            }
            if (member.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(member, annotation.get(), Message.INPUT_EXAMPLE_PRIVATE, name);
                ok = false;
            }
            boolean isMethod = member instanceof ExecutableElement;
            if (isMethod && !((ExecutableElement) member).getParameters().isEmpty()) {
                reporter.error(member, annotation.get(), Message.INPUT_EXAMPLE_PARAMETERS, name);
                ok = false;
            }
            TypeMirror given = isMethod ? ((ExecutableElement) member).getReturnType() : member.asType();
            Optional<TypeMirror> element = TypeMapping.listElement(given);
            if (predict != null && predict.form() == Form.TABLE) {
                reporter.error(member, annotation.get(), Message.INPUT_EXAMPLE_TABLE, name);
                continue;
            }
            if (predict != null && predict.isTensor()) {
                TypeMirror expected = ((ExecutableElement) predictElement(type)).getParameters().get(0).asType();
                if (!given.toString().equals(expected.toString())) {
                    reporter.error(member, annotation.get(), Message.INPUT_EXAMPLE_TYPE, name, given, expected, expected, expected);
                } else if (ok) {
                    found = new InputExampleSource(name, isMethod, false);
                }
                continue;
            }
            if (predict == null || predict.input() == null) {
                continue; // the @Predict problem is reported already
            }
            String expected = predict.input().type().canonicalName();
            boolean matches = TypeMapping.record(element.orElse(given))
                    .map(r -> r.getQualifiedName().contentEquals(expected)).orElse(false);
            if (!matches) {
                String simple = predict.input().type().simpleName();
                reporter.error(member, annotation.get(), Message.INPUT_EXAMPLE_TYPE, name, given, expected, simple, simple);
                ok = false;
            }
            if (ok) {
                found = new InputExampleSource(name, isMethod, element.isPresent());
            }
        }
        return found;
    }

    /** The {@code params} of the @InputExample, parsed by their @Param types. */
    private Map<String, Object> exampleParams(TypeElement type, PredictMethod predict) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        for (Element member : type.getEnclosedElements()) {
            Optional<AnnotationMirror> annotation = Annotations.find(member, AnnotationNames.INPUT_EXAMPLE);
            Optional<AnnotationValue> value = annotation.flatMap(a -> Annotations.explicitValue(a, "params"));
            if (value.isEmpty()) {
                continue;
            }
            for (Object item : (List<?>) value.get().getValue()) {
                String entry = String.valueOf(((AnnotationValue) item).getValue());
                int eq = entry.indexOf('=');
                String name = eq < 0 ? entry : entry.substring(0, eq).trim();
                Optional<ParamArgument> param = predict.arguments().stream()
                        .filter(p -> p != null && p.name().equals(name)).findFirst();
                String problem = eq < 0 ? "has no '='" : param.isEmpty() ? "names no @Param of the @Predict method" : null;
                if (problem == null) {
                    try {
                        String text = entry.substring(eq + 1).trim();
                        params.put(name, param.get().list() ? ParamDefaults.parseList(text, param.get().type())
                                : ParamDefaults.parse(text, param.get().type()));
                    } catch (IllegalArgumentException e) {
                        problem = "does not parse as " + param.get().type().javaName + ": " + e.getMessage();
                    }
                }
                if (problem != null) {
                    reporter.error(member, annotation.get(), (AnnotationValue) item, Message.INPUT_EXAMPLE_PARAMS, entry, problem);
                }
            }
        }
        return params;
    }

    private static Element predictElement(TypeElement type) {
        return annotatedMethods(type, AnnotationNames.PREDICT).get(0);
    }

    private static List<ExecutableElement> annotatedMethods(TypeElement type, String annotation) {
        List<ExecutableElement> result = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (Annotations.find(method, annotation).isPresent()) {
                result.add(method);
            }
        }
        return result;
    }

    private static AnnotationMirror annotationOn(Element element, String annotation) {
        return Annotations.find(element, annotation).orElseThrow();
    }

    private static String kindName(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "interface";
            case ENUM -> "enum";
            case RECORD -> "record";
            case ANNOTATION_TYPE -> "annotation type";
            default -> kind.name().toLowerCase();
        };
    }
}
