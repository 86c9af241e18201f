package io.digits.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of docs/architecture.md, checked on the compiled classes: it fails the build the day someone
 * adds a cycle or lets the core reach the edge.
 */
class PackageRulesTests {

	private static final JavaClasses DIGITS = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.digits");

	/** Every package is a slice of its own, a parent and its sub-packages included: none may reach back. */
	@Test
	void noPackageCycles() {
		slices().matching("io.digits.(**)").should().beFreeOfCycles().check(DIGITS);
	}

	/** The cycle rule can fail: on planted cycles it reports both, between siblings and with a parent. */
	@Test
	void theCycleRuleReportsAPlantedCycle() {
		JavaClasses planted = new ClassFileImporter().importPackages("io.digits.architecture.cycle");

		EvaluationResult result = slices().matching("io.digits.architecture.(**)").should().beFreeOfCycles()
			.evaluate(planted);

		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().getDetails()).anySatisfy(
				detail -> assertThat(detail).contains("cycle.first").contains("cycle.second"))
			.anySatisfy(detail -> assertThat(detail).contains("Parent").contains("UsesParent"));
	}

	@Test
	void nothingImportsTheWebEdgeTheRuntimeOrTheDatabaseWiring() {
		noClasses().that()
			.resideOutsideOfPackages("io.digits.web..", "io.digits.runtime..", "io.digits.database..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.digits.web..", "io.digits.runtime..", "io.digits.database..")
			.check(DIGITS);
	}

	/** The training core is a library: controllers, servlets and HTTP statuses belong to the feature's API package. */
	@Test
	void theTrainingCoreKnowsNothingOfHttp() {
		noClasses().that()
			.resideInAnyPackage("io.digits.training.*..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
					"io.digits.training")
			.check(DIGITS);
	}

	@Test
	void theSharedKernelImportsNothingOfDigits() {
		noClasses().that()
			.resideInAPackage("io.digits.shared..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.digits.data..", "io.digits.model..", "io.digits.inference..", "io.digits.training..",
					"io.digits.web..", "io.digits.runtime..", "io.digits.database..")
			.check(DIGITS);
	}

	@Test
	void imageDecodingKnowsNothingOfModelsOrPredictions() {
		noClasses().that()
			.resideInAPackage("io.digits.inference.image..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.digits.inference", "io.digits.model..", "org.nd4j..", "org.deeplearning4j..")
			.check(DIGITS);
	}

}
