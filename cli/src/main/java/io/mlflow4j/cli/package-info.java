/**
 * The {@code mlflow4j} command ({@code serve}, {@code predict}, {@code inspect}), built as a
 * runnable jar. Not a library API: its interface is the command line.
 */
package io.mlflow4j.cli;
