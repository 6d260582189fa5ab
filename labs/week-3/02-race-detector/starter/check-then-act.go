package main

import (
	"fmt"
	"sync"
)

var (
	mu      sync.Mutex
	balance = 100
)

func withdraw(amount int) {
	mu.Lock()
	enough := balance >= amount
	mu.Unlock()
	// The lock is free here: another goroutine can withdraw in between.
	if enough {
		mu.Lock()
		balance -= amount
		mu.Unlock()
	}
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			withdraw(80)
		}()
	}
	wg.Wait()
	fmt.Println("balance:", balance)
}
