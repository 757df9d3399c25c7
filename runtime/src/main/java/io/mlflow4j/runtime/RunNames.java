package io.mlflow4j.runtime;

import java.security.SecureRandom;
import java.util.List;

/** Random run names in MLflow's style: {@code <predicate>-<noun>-<0..999>}, such as {@code bold-owl-271}. */
final class RunNames {
    private static final List<String> PREDICATES = List.of("able", "adorable", "agreeable", "amazing", "ambitious",
            "bold", "brave", "bright", "calm", "capable", "casual", "clean", "clever", "colorful", "crawling",
            "dapper", "delicate", "enchanting", "fearless", "gentle", "gifted", "glamorous", "handsome", "honorable",
            "industrious", "intelligent", "judicious", "kindly", "learned", "loud", "luminous", "masked", "merciful",
            "nimble", "omniscient", "peaceful", "polite", "powerful", "receptive", "resilient", "rogue", "salty",
            "secretive", "skillful", "smiling", "stately", "suave", "thundering", "trusting", "unique", "valuable",
            "victorious", "welcoming", "wise", "youthful", "zealous");
    private static final List<String> NOUNS = List.of("ant", "ape", "asp", "bass", "bat", "bear", "bee", "bird",
            "boar", "bug", "calf", "carp", "cat", "colt", "conch", "cow", "crab", "crane", "croc", "crow", "cub",
            "deer", "doe", "dog", "dolphin", "donkey", "dove", "duck", "eel", "elk", "fawn", "finch", "fish", "fly",
            "foal", "fowl", "fox", "frog", "gnat", "gnu", "goat", "goose", "grouse", "grub", "gull", "hare", "hawk",
            "hen", "hog", "horse", "hound", "jay", "kit", "kite", "koi", "lamb", "lark", "loon", "lynx", "mare",
            "midge", "mink", "mole", "moose", "moth", "mouse", "mule", "newt", "owl", "ox", "panda", "penguin",
            "perch", "pig", "pug", "quail", "ram", "rat", "ray", "robin", "roo", "rook", "seal", "shad", "shark",
            "sheep", "shoat", "shrew", "shrike", "shrimp", "skink", "skunk", "sloth", "slug", "smelt", "snail",
            "snake", "snipe", "sow", "sponge", "squid", "squirrel", "stag", "steed", "stoat", "stork", "swan", "tern",
            "toad", "trout", "turtle", "vole", "wasp", "whale", "wolf", "worm", "wren", "yak", "zebra");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunNames() {}

    public static String random() {
        return PREDICATES.get(RANDOM.nextInt(PREDICATES.size())) + "-" + NOUNS.get(RANDOM.nextInt(NOUNS.size()))
                + "-" + RANDOM.nextInt(1000);
    }
}
