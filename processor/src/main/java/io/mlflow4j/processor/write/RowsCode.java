package io.mlflow4j.processor.write;

import static io.mlflow4j.processor.write.RuntimeNames.COLUMN;
import static io.mlflow4j.processor.write.RuntimeNames.PARAMS;
import static io.mlflow4j.processor.write.RuntimeNames.ROWS;
import static io.mlflow4j.processor.write.RuntimeNames.TABLE;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.mlflow4j.processor.model.ColumnComponent;
import io.mlflow4j.processor.model.ColumnType;
import io.mlflow4j.processor.model.InputExampleSource;
import io.mlflow4j.processor.model.ModelDescriptor;
import io.mlflow4j.processor.model.Output;
import io.mlflow4j.processor.model.PredictForm;
import io.mlflow4j.processor.model.PredictMethod;
import io.mlflow4j.processor.model.RowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * The predict and example code of a model over rows: plain loops that read each column (a local
 * named after it) into the user's records, call the {@code @Predict} method and collect each
 * result column in an array named after it.
 */
final class RowsCode {
    private RowsCode() {}

    static MethodSpec predict(PredictMethod predict, PredictForm.Rows form) {
        MethodSpec.Builder method = AdapterWriter.override("predict")
                .returns(TABLE)
                .addParameter(TABLE, "input")
                .addParameter(PARAMS, "params")
                .addException(Exception.class);
        RowRecord input = form.input();
        Locals locals =
                new Locals(input.type().simpleName(), resultType(form.output()).toString());
        List<String> inputs = new ArrayList<>();
        for (int c = 0; c < input.columns().size(); c++) {
            String local = locals.newName(input.columns().get(c).accessor());
            inputs.add(local);
            method.addStatement("$T $N = input.column($L)", COLUMN, local, c);
        }
        method.addStatement("int rowCount = input.rowCount()");
        CodeBlock newRow = newRow(input, inputs);
        String argument = form.container() == PredictForm.Container.ROW ? "row" : "rows";
        CodeBlock call =
                CodeBlock.of("model().$N($N$L)", predict.methodName(), argument, AdapterWriter.paramArguments(predict));
        ResultArrays results = new ResultArrays(form.output(), "result", locals);
        TypeName result = resultType(form.output());
        switch (form.container()) {
            case ROW -> {
                results.declare(method, "rowCount");
                method.beginControlFlow("for (int i = 0; i < rowCount; i++)")
                        .addStatement("$T row = $L", input.type(), newRow);
                results.store(method, call, predict.source());
                method.endControlFlow();
            }
            case LIST -> {
                method.addStatement("$T rows = new $T<>(rowCount)", list(input.type()), ArrayList.class)
                        .beginControlFlow("for (int i = 0; i < rowCount; i++)")
                        .addStatement("rows.add($L)", newRow)
                        .endControlFlow()
                        .addStatement("$T results = $L", list(result.box()), call)
                        .addStatement("int n = $T.checkedSize(results, $S)", ROWS, predict.source());
                results.storeAll(method, CodeBlock.of("results.get(i)"), predict.source());
            }
            case ARRAY -> {
                method.addStatement("$T[] rows = new $T[rowCount]", input.type(), input.type())
                        .beginControlFlow("for (int i = 0; i < rowCount; i++)")
                        .addStatement("rows[i] = $L", newRow)
                        .endControlFlow()
                        .addStatement(
                                "$T results = $T.notNull($L, $S)",
                                ArrayTypeName.of(result),
                                ROWS,
                                call,
                                predict.source())
                        .addStatement("int n = results.length");
                results.storeAll(method, CodeBlock.of("results[i]"), predict.source());
            }
            case STREAM -> {
                method.addStatement(
                                "$T rows = $T.range(0, rowCount).mapToObj(i -> $L)",
                                ParameterizedTypeName.get(ClassName.get(Stream.class), input.type()),
                                IntStream.class,
                                newRow)
                        .addStatement(
                                "$T results = $T.toList($L, $S)", list(result.box()), ROWS, call, predict.source())
                        .addStatement("int n = $T.checkedSize(results, $S)", ROWS, predict.source());
                results.storeAll(method, CodeBlock.of("results.get(i)"), predict.source());
            }
        }
        return method.addStatement("return $T.of($L)", TABLE, results.columns()).build();
    }

    /** {@code inputExample()} and {@code toTable}, which turns the example's rows into the input table. */
    static List<MethodSpec> inputExample(ModelDescriptor model, PredictForm.Rows form, InputExampleSource source) {
        CodeBlock read = AdapterWriter.readExample(model, source);
        MethodSpec example = AdapterWriter.override("inputExample")
                .returns(TABLE)
                .addStatement("return toTable($L)", source.list() ? read : CodeBlock.of("$T.of($L)", List.class, read))
                .build();
        RowRecord input = form.input();
        String exampleSource = "@InputExample '" + source.member() + "'";
        ResultArrays columns = new ResultArrays(
                new Output.Columns(input), "row", new Locals(input.type().simpleName()));
        MethodSpec.Builder toTable = MethodSpec.methodBuilder("toTable")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(TABLE)
                .addParameter(list(input.type()), "rows")
                .addStatement("int n = $T.checkedSize(rows, $S)", ROWS, exampleSource);
        columns.storeAll(toTable, CodeBlock.of("rows.get(i)"), exampleSource);
        toTable.addStatement("return $T.of($L)", TABLE, columns.columns());
        return List.of(example, toTable.build());
    }

    /** {@code new Flower(\n sepalLength.getDouble(i),\n ...)}: one column per line. */
    private static CodeBlock newRow(RowRecord input, List<String> locals) {
        List<CodeBlock> values = new ArrayList<>();
        for (int c = 0; c < locals.size(); c++) {
            values.add(ColumnCode.read(input.columns().get(c).type(), locals.get(c)));
        }
        return CodeBlock.of("new $T(\n$L)", input.type(), CodeBlock.join(values, ",\n"));
    }

    private static TypeName list(TypeName element) {
        return ParameterizedTypeName.get(ClassName.get(List.class), element);
    }

    private static TypeName resultType(Output output) {
        if (output instanceof Output.Columns columns) {
            return columns.record().type();
        }
        return ((Output.Scalar) output).type().javaType();
    }

    /** The arrays that collect the result columns, one per column, named after it. */
    private static final class ResultArrays {
        private final Output output;
        private final String element;
        private final List<String> names = new ArrayList<>();

        /** @param element the name of the record being copied: {@code result}, or {@code row} for an example row */
        ResultArrays(Output output, String element, Locals locals) {
            this.output = output;
            this.element = element;
            if (output instanceof Output.Columns columns) {
                for (ColumnComponent column : columns.record().columns()) {
                    names.add(locals.newName(column.accessor()));
                }
            } else {
                names.add(locals.newName("predictions"));
            }
        }

        void declare(MethodSpec.Builder method, String size) {
            List<ColumnType> types = output.types();
            for (int c = 0; c < types.size(); c++) {
                TypeName component = types.get(c).arrayComponent();
                if (component instanceof ArrayTypeName inner) { // byte[][]: new byte[n][]
                    method.addStatement(
                            "$T $N = new $T[$L][]",
                            ArrayTypeName.of(component),
                            names.get(c),
                            inner.componentType(),
                            size);
                } else {
                    method.addStatement(
                            "$T $N = new $T[$L]", ArrayTypeName.of(component), names.get(c), component, size);
                }
            }
        }

        /** Declares the arrays for {@code n} results and copies each into them. */
        void storeAll(MethodSpec.Builder method, CodeBlock result, String source) {
            declare(method, "n");
            method.beginControlFlow("for (int i = 0; i < n; i++)");
            store(method, result, source);
            method.endControlFlow();
        }

        /** Copies result {@code i} into the arrays, a record column by column. */
        void store(MethodSpec.Builder method, CodeBlock result, String source) {
            if (output instanceof Output.Scalar scalar) {
                method.addStatement("$N[i] = $L", names.get(0), ColumnCode.write(scalar.type(), result));
                return;
            }
            RowRecord record = ((Output.Columns) output).record();
            method.addStatement("$T $N = $T.notNull($L, i, $S)", record.type(), element, ROWS, result, source);
            List<ColumnComponent> columns = record.columns();
            for (int c = 0; c < columns.size(); c++) {
                ColumnComponent column = columns.get(c);
                method.addStatement(
                        "$N[i] = $L",
                        names.get(c),
                        ColumnCode.write(column.type(), CodeBlock.of("$N.$N()", element, column.accessor())));
            }
        }

        /** The result columns, one per line. */
        CodeBlock columns() {
            if (output instanceof Output.Scalar scalar) {
                return ColumnCode.column(scalar.type(), CodeBlock.of("null"), names.get(0));
            }
            List<CodeBlock> columns = new ArrayList<>();
            List<ColumnComponent> components =
                    ((Output.Columns) output).record().columns();
            for (int c = 0; c < components.size(); c++) {
                columns.add(ColumnCode.column(
                        components.get(c).type(),
                        CodeBlock.of("$S", components.get(c).columnName()),
                        names.get(c)));
            }
            return CodeBlock.of("\n$L", CodeBlock.join(columns, ",\n"));
        }
    }
}
