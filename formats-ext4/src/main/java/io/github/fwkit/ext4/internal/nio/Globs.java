package io.github.fwkit.ext4.internal.nio;

/**
 * Glob patterns as {@link java.nio.file.FileSystem#getPathMatcher} documents them: {@code *} and
 * {@code ?} within a name, {@code **} across names, {@code [...]} classes (with {@code !} for
 * negation), {@code {a,b}} groups, backslash escapes.
 */
final class Globs {
    private Globs() {
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder("^");
        boolean inGroup = false;
        boolean inClass = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    re.append("]]");
                } else if (c == '\\' || c == '[' || c == '&' || c == '^') {
                    re.append('\\').append(c);
                } else {
                    re.append(c);
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (++i >= glob.length()) {
                        throw new java.util.regex.PatternSyntaxException("trailing backslash", glob, i);
                    }
                    re.append(Character.isLetterOrDigit(glob.charAt(i)) ? "" : "\\").append(glob.charAt(i));
                }
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    inClass = true;
                    re.append("[[^/]&&[");
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '!') {
                        re.append('^');
                        i++;
                    }
                }
                case '{' -> {
                    if (inGroup) {
                        throw new java.util.regex.PatternSyntaxException("nested group", glob, i);
                    }
                    inGroup = true;
                    re.append("(?:");
                }
                case '}' -> {
                    if (inGroup) {
                        inGroup = false;
                        re.append(')');
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(inGroup ? "|" : ",");
                default -> {
                    if (".^$+()|".indexOf(c) >= 0) {
                        re.append('\\');
                    }
                    re.append(c);
                }
            }
        }
        if (inClass || inGroup) {
            throw new java.util.regex.PatternSyntaxException("unclosed " + (inClass ? "[" : "{"), glob, glob.length());
        }
        return re.append('$').toString();
    }
}
