package io.mlflow4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;

/** Write stage: turns a descriptor into source files through the Filer, each with its one originating element. */
final class Generators {
    private Generators() {}

    static AnnotationSpec generatedAnnotation() {
        return AnnotationSpec.builder(RuntimeNames.GENERATED)
                .addMember("value", "$S", MlflowModelProcessor.class.getName())
                .build();
    }

    static void writeAll(ModelDescriptor model, TypeElement origin, Filer filer) throws IOException {
        write(AdapterWriter.adapter(model).toBuilder().addOriginatingElement(origin).build(), model, filer);
        write(LoggerWriter.logger(model).toBuilder().addOriginatingElement(origin).build(), model, filer);
    }

    private static void write(TypeSpec type, ModelDescriptor model, Filer filer) throws IOException {
        JavaFile.builder(model.modelClass().packageName(), type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build()
                .writeTo(filer);
    }
}
