/// Validation reports for CI systems and editors. (Being written: see the CI and editors issue.)
public enum Reports {}
