package io.digits;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

// Boot's DataSource would look for a database in the embedded default too: the shared mode makes its own (database/).
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class DigitsApplication {

	public static void main(String[] args) {
		// Off-heap bounds for a bare java -jar, set before JavaCPP reads them: DL4J allocates outside the heap, and
		// unbounded a long-running JVM grows to several GB. jvm.options and the image set their own, which win.
		setIfAbsent("org.bytedeco.javacpp.maxbytes", "2G");
		setIfAbsent("org.bytedeco.javacpp.maxphysicalbytes", "4G");
		SpringApplication.run(DigitsApplication.class, args);
	}

	private static void setIfAbsent(String property, String value) {
		if (System.getProperty(property) == null) {
			System.setProperty(property, value);
		}
	}

}
