package io.mlflow4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The floor for any processor that generates mlflow4j's files: for each {@code @MlflowModel} class it
 * writes, through the Filer, the sources the real processor generated in an earlier build, without
 * looking at the class. With {@code generatedSources} null it generates nothing (processing switched on
 * for our annotation, nothing more). What the real processor costs beyond this is its own work.
 */
final class MinimalGeneratingProcessor extends AbstractProcessor {
    private static final List<String> SUFFIXES = List.of("MlflowModel", "Logger");

    private final Path generatedSources;

    MinimalGeneratingProcessor(Path generatedSources) {
        this.generatedSources = generatedSources;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("io.mlflow4j.annotations.MlflowModel");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (generatedSources == null) {
            return false;
        }
        for (TypeElement annotation : annotations) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                copyGeneratedSources((TypeElement) element);
            }
        }
        return false;
    }

    private void copyGeneratedSources(TypeElement model) {
        String packageName = processingEnv
                .getElementUtils()
                .getPackageOf(model)
                .getQualifiedName()
                .toString();
        for (String suffix : SUFFIXES) {
            String simpleName = model.getSimpleName() + suffix;
            Path source =
                    generatedSources.resolve(packageName.replace('.', '/')).resolve(simpleName + ".java");
            try (Writer out = processingEnv
                    .getFiler()
                    .createSourceFile(packageName + "." + simpleName, model)
                    .openWriter()) {
                out.write(Files.readString(source));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
