"""Things that do something with a value (an interface with two implementations)."""


class ThingImpl1:
	def doSomething(self, i):
		return i


class ThingImpl2:
	def doSomething(self, i):
		return "fixed"


def createThing():
	return ThingImpl1()
