/**
 * Not API. MLflow model folders: writing one ({@code MLmodel} with the {@code java_function} and
 * {@code python_function} flavors, artifacts, the model's jars, environment files, the input
 * example), reading {@code MLmodel}, and loading a model's classes in their own class loader.
 */
package io.mlflow4j.runtime.model;
