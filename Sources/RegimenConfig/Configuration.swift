/// A repository's `.regimen.yml`. (Being written: see the CI and editors issue.)
public enum RegimenConfiguration {}
