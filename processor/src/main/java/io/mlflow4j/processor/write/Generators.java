package io.mlflow4j.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.mlflow4j.processor.model.ModelDescriptor;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;

/** Write stage: turns a descriptor into source files through the Filer, each with its one originating element. */
public final class Generators {
    /** The processor's name, as {@code @Generated} gives it. */
    private static final String PROCESSOR = "io.mlflow4j.processor.MlflowModelProcessor";

    private Generators() {}

    static AnnotationSpec generatedAnnotation() {
        return AnnotationSpec.builder(RuntimeNames.GENERATED_ANNOTATION)
                .addMember("value", "$S", PROCESSOR)
                .build();
    }

    public static void writeAll(ModelDescriptor model, TypeElement origin, Filer filer) throws IOException {
        write(
                AdapterWriter.adapter(model).toBuilder()
                        .addOriginatingElement(origin)
                        .build(),
                model,
                filer);
        write(
                LoggerWriter.logger(model).toBuilder()
                        .addOriginatingElement(origin)
                        .build(),
                model,
                filer);
    }

    private static void write(TypeSpec type, ModelDescriptor model, Filer filer) throws IOException {
        JavaFile.builder(model.modelClass().packageName(), type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build()
                .writeTo(filer);
    }
}
