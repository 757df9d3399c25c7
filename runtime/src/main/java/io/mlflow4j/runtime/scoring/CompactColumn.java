package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A column of JSON values that keeps doubles, integers and text as such, plus which cells are
 * {@code null}, and makes the node again when asked: 8 bytes a number where a node took 28 (the
 * node and the list's reference to it). A column holding anything else, or a mix, keeps nodes.
 * The nodes it gives back are equal to, and of the same class as, those Jackson read, so the
 * table built from it is the same.
 */
final class CompactColumn extends AbstractList<JsonNode> implements RandomAccess {
    private enum Kind {
        EMPTY,
        DOUBLE,
        INT,
        LONG,
        TEXT,
        NODES
    }

    private Kind kind = Kind.EMPTY;
    private double[] doubles;
    private long[] longs;
    private String[] texts;
    private List<JsonNode> nodes;
    private final BitSet nulls = new BitSet();
    private int size;

    /** Adds a value read by Jackson's tree reader. */
    void append(JsonNode value) {
        if (kind != Kind.NODES) {
            if (value.isNull()) {
                grow();
                nulls.set(size++);
                return;
            }
            Kind of = kindOf(value);
            if (kind == Kind.EMPTY && of != Kind.NODES) {
                kind = of;
            }
            if (of == kind) {
                grow();
                switch (kind) {
                    case DOUBLE -> doubles[size] = value.doubleValue();
                    case INT, LONG -> longs[size] = value.longValue();
                    default -> texts[size] = value.textValue();
                }
                size++;
                return;
            }
            toNodes();
        }
        nodes.add(value);
        size++;
    }

    private static Kind kindOf(JsonNode value) {
        Class<?> type = value.getClass();
        return type == DoubleNode.class
                ? Kind.DOUBLE
                : type == IntNode.class
                        ? Kind.INT
                        : type == LongNode.class ? Kind.LONG : type == TextNode.class ? Kind.TEXT : Kind.NODES;
    }

    private void grow() {
        int capacity = switch (kind) {
            case DOUBLE -> doubles == null ? 0 : doubles.length;
            case INT, LONG -> longs == null ? 0 : longs.length;
            case TEXT -> texts == null ? 0 : texts.length;
            default -> Integer.MAX_VALUE;
        };
        if (size < capacity) {
            return;
        }
        int next = Math.max(size + 1, Math.max(16, capacity + (capacity >> 1)));
        switch (kind) {
            case DOUBLE -> doubles = doubles == null ? new double[next] : Arrays.copyOf(doubles, next);
            case INT, LONG -> longs = longs == null ? new long[next] : Arrays.copyOf(longs, next);
            case TEXT -> texts = texts == null ? new String[next] : Arrays.copyOf(texts, next);
            default -> {} // nulls only so far: the BitSet holds them
        }
    }

    private void toNodes() {
        List<JsonNode> all = new ArrayList<>(Math.max(16, size + (size >> 1)));
        for (int i = 0; i < size; i++) {
            all.add(get(i));
        }
        nodes = all;
        doubles = null;
        longs = null;
        texts = null;
        kind = Kind.NODES;
    }

    @Override
    public JsonNode get(int index) {
        Objects.checkIndex(index, size);
        if (kind == Kind.NODES) {
            return nodes.get(index);
        }
        if (nulls.get(index)) {
            return NullNode.getInstance();
        }
        return switch (kind) {
            case DOUBLE -> DoubleNode.valueOf(doubles[index]);
            case INT -> IntNode.valueOf((int) longs[index]);
            case LONG -> LongNode.valueOf(longs[index]);
            case TEXT -> TextNode.valueOf(texts[index]);
            default -> throw new IllegalStateException("no value at " + index);
        };
    }

    @Override
    public int size() {
        return size;
    }
}
