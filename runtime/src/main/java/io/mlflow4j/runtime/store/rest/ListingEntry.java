package io.mlflow4j.runtime.store.rest;

import io.mlflow4j.runtime.error.MlflowException;

/**
 * Checks one entry of an artifact listing before anything is downloaded for it. MLflow's servers
 * list a folder's children by name ({@code MLmodel}) or by their path from the artifact root
 * ({@code model/MLmodel}); an entry naming the folder itself ({@code model/}) would send a
 * download into endless recursion, and one naming a place elsewhere would write outside it.
 */
final class ListingEntry {
    private ListingEntry() {}

    /** The child's name in the listed folder {@code listedPath}, or an error naming the entry. */
    static String childName(String listedPath, String entryPath, String listedUri) {
        String path = entryPath.replaceAll("/+$", "");
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        String parent = slash < 0 ? null : path.substring(0, slash);
        boolean inside = parent == null || listedPath.equals(parent) || listedPath.endsWith("/" + parent);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("\\") || !inside) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR,
                    "The server's listing of " + listedUri
                            + " has the entry '" + entryPath + "', which is not a file or folder inside it"
                            + (name.isEmpty() || path.isEmpty() || path.equals(listedPath)
                                    ? " (it names the folder itself)"
                                    : "")
                            + ". Nothing was downloaded for it; check the artifacts on the server.");
        }
        return name;
    }
}
